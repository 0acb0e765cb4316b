import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { RouteRule } from './access';
import { REGISTRATION_PATH, RequireRule, RequireSession } from './guards';
import { FullPageSpin, NotFoundPage, PageSpin } from './ErrorPages';
import { AppLayout } from './layout/AppLayout';
import { homePath, useSession } from './session';
import { LoginPage } from '../features/auth/LoginPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { TRAINING_PAGES } from '../features/training/routes';
import { HOURS_PAGES } from '../features/hours/routes';
import { MATERIALS_PAGES } from '../features/materials/routes';
import { STATS_PAGES } from '../features/statistics/routes';
import { PERSONNEL_PAGES } from '../features/personnel/routes';
import { CERTIFICATE_PAGES, VerifyPage } from '../features/certificates/routes';
import { EXPORT_PAGES } from '../features/exports/routes';
import { MESSAGE_PAGES } from '../features/messages/routes';
import { ANNOUNCEMENT_PAGES, NoticePage, NoticesPage } from '../features/announcements/routes';
import { ENROLMENT_PAGES } from '../features/enrolment/routes';
import { ForgotPasswordPage, PASSWORD_RESET_PAGES, ResetStatePage } from '../features/password-reset/routes';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const DashboardPage = page(() => import('../features/dashboard/DashboardPage'), 'DashboardPage');
const OrgInfoPage = page(() => import('../features/org-info/OrgInfoPage'), 'OrgInfoPage');
const DepartmentsPage = page(() => import('../features/departments/DepartmentsPage'), 'DepartmentsPage');
const AdminsPage = page(() => import('../features/admins/AdminsPage'), 'AdminsPage');
const RolesPage = page(() => import('../features/roles/RolesPage'), 'RolesPage');
const SuborgsPage = page(() => import('../features/suborgs/SuborgsPage'), 'SuborgsPage');
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage');
const SessionsPage = page(() => import('../features/sessions/SessionsPage'), 'SessionsPage');
const ProfilePage = page(() => import('../features/profile/ProfilePage'), 'ProfilePage');
const RegisterPage = page(() => import('../features/registration/RegisterPage'), 'RegisterPage');
const RegistrationStatusPage = page(() => import('../features/registration/RegistrationStatusPage'), 'RegistrationStatusPage');
const RegistrationReviewPage = page(() => import('../features/registration-review/RegistrationReviewPage'), 'RegistrationReviewPage');
const ChangeReviewPage = page(() => import('../features/change-review/ChangeReviewPage'), 'ChangeReviewPage');
const IncomingPage = page(() => import('../features/transfers/IncomingPage'), 'IncomingPage');
const OutgoingPage = page(() => import('../features/transfers/OutgoingPage'), 'OutgoingPage');
const RecordsPage = page(() => import('../features/transfers/RecordsPage'), 'RecordsPage');

/** Pages inside the shell, each with the rule that makes it reachable (mirrors the server's route access). */
const PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/dashboard', rule: { authenticated: true }, Component: DashboardPage },
  { path: '/account/org-info', rule: { permission: 'org.info.view' }, Component: OrgInfoPage },
  { path: '/account/departments', rule: { permission: 'dept.view' }, Component: DepartmentsPage },
  { path: '/account/admins', rule: { permission: 'admin.view' }, Component: AdminsPage },
  { path: '/account/roles', rule: { permission: 'role.manage' }, Component: RolesPage },
  { path: '/account/suborgs', rule: { permission: 'suborg.view' }, Component: SuborgsPage },
  { path: '/system/audit', rule: { permission: 'audit.view' }, Component: AuditPage },
  { path: '/system/sessions', rule: { permission: 'session.manage' }, Component: SessionsPage },
  { path: '/me/profile', rule: { kind: 'personnel' }, Component: ProfilePage },
  { path: '/account/registrations/:kind', rule: { permission: 'reg.review' }, Component: RegistrationReviewPage },
  { path: '/account/changes/:kind', rule: { permission: 'change.review' }, Component: ChangeReviewPage },
  { path: '/account/transfers/incoming', rule: { permission: 'transfer.manage' }, Component: IncomingPage },
  { path: '/account/transfers/outgoing', rule: { permission: 'transfer.manage' }, Component: OutgoingPage },
  { path: '/account/transfers/records', rule: { permission: 'transfer.manage' }, Component: RecordsPage },
  // A registrant (registration pending or rejected) reaches only this page; RequireSession sends them here.
  { path: REGISTRATION_PATH, rule: { authenticated: true }, Component: RegistrationStatusPage },
  ...TRAINING_PAGES,
  ...HOURS_PAGES,
  ...MATERIALS_PAGES,
  ...STATS_PAGES,
  ...PERSONNEL_PAGES,
  ...CERTIFICATE_PAGES,
  ...EXPORT_PAGES,
  ...MESSAGE_PAGES,
  ...ANNOUNCEMENT_PAGES,
  ...ENROLMENT_PAGES,
  ...PASSWORD_RESET_PAGES,
];

/** `/`, `/login` and `/register`: public pages for visitors; a logged-in user goes to their workspace. */
function PublicHome({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  if (loading) return <FullPageSpin />;
  if (me) return <Navigate to={homePath(me)} replace />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/"
        element={
          <PublicHome>
            <LoginPage />
          </PublicHome>
        }
      />
      <Route
        path="/login"
        element={
          <PublicHome>
            <LoginPage />
          </PublicHome>
        }
      />
      <Route
        path="/register"
        element={
          <PublicHome>
            <Suspense fallback={<FullPageSpin />}>
              <RegisterPage />
            </Suspense>
          </PublicHome>
        }
      />
      {/* 证书验证: public, for visitors and logged-in users alike (the QR code on a 学时证明 points here) */}
      <Route
        path="/verify/:code"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <VerifyPage />
          </Suspense>
        }
      />
      {/* 忘记密码: public (from the login box), and its state by 申请编号 */}
      <Route
        path="/forgot-password"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <ForgotPasswordPage />
          </Suspense>
        }
      />
      <Route
        path="/forgot-password/:ticket"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <ResetStatePage />
          </Suspense>
        }
      />
      {/* 通知公告 / 政策文件: public like 证书验证 (the home page's card links here) */}
      <Route
        path="/notices"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <NoticesPage />
          </Suspense>
        }
      />
      <Route
        path="/notices/:id"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <NoticePage />
          </Suspense>
        }
      />
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        {PAGES.map(({ path, rule, Component }) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireRule rule={rule}>
                <Suspense fallback={<PageSpin />}>
                  <Component />
                </Suspense>
              </RequireRule>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
