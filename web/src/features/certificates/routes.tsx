/** Pages of 电子证书查询打印（HR）与我的电子证书（专技人员） (mounted by app/routes.tsx). */
import type { ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

export const CERTIFICATE_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [];
