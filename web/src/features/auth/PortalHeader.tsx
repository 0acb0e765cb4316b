/** The government-portal header band shared by the login and forced password-change pages. */
export function PortalHeader() {
  return (
    <header className="portal-header">
      <div className="portal-header-inner">
        <img src="/favicon.svg" alt="" width={44} height={44} />
        <div>
          <div className="portal-title">湖北省专业技术人员继续教育公共服务平台</div>
          <div className="portal-subtitle">学时登记 · 审核管理 · 统计分析 · 电子证书</div>
        </div>
      </div>
    </header>
  );
}

export function PortalFooter() {
  return <footer className="portal-footer">湖北省专业技术人员继续教育公共服务平台 · 建议使用 Chrome、Edge、Firefox 等新版浏览器访问</footer>;
}
