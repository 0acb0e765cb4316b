/** Pages of 电子证书查询打印（HR）与我的电子证书（专技人员） (mounted by app/routes.tsx); the public 证书验证 page too. */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const CertificatesPage = page(() => import('./CertificatesPage'), 'CertificatesPage');
const MyCertificatesPage = page(() => import('./MyCertificatesPage'), 'MyCertificatesPage');

/** 证书验证: outside the logged-in shell, reachable without login (app/routes.tsx mounts it at /verify/:code). */
export const VerifyPage = page(() => import('./VerifyPage'), 'VerifyPage');

export const CERTIFICATE_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/certificates', rule: { permission: 'cert.print' }, Component: CertificatesPage },
  { path: '/me/certificates', rule: { kind: 'personnel' }, Component: MyCertificatesPage },
];
