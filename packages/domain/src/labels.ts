/** Chinese labels of request fields, used to name the field in validation messages. */
export const FIELD_LABELS: Record<string, string> = {
  loginType: '用户类型', account: '账号', password: '密码', captchaId: '验证码', captcha: '验证码',
  oldPassword: '原密码', newPassword: '新密码', confirmPassword: '确认密码',
  idType: '证件类型', idNumber: '证件号', name: '名称', realName: '真实姓名', phone: '手机号', mobile: '手机号',
  email: '电子邮箱', landline: '固定电话', departmentId: '工作部门', userId: '人员', personnelId: '人员',
  parentId: '上级', roleIds: '角色', permissions: '权限', description: '说明',
  creditCode: '统一社会信用代码', divisionCode: '所属地区', contactName: '联系人', contactPhone: '联系电话',
  address: '地址', page: '页码', pageSize: '每页条数', sort: '排序', order: '排序方向', id: '编号',
  action: '操作类型', from: '开始时间', to: '结束时间', keyword: '关键字', sortOrder: '排序号',
  type: '机构类型', titleSeries: '职称系列', titleLevel: '职称级别', titleName: '职称名称', titleDate: '取得时间',
  education: '学历', orgId: '所在单位', reason: '原因', toOrgId: '调入单位', transferDate: '调转日期', ids: '记录',
  decision: '审核结果', newParentId: '新上级部门', tab: '标签页', kind: '审核类别', admin: '管理员信息',
  year: '年度', totalRequired: '总学时', professionalMin: '专业科目最低学时', publicMin: '公需科目最低学时', closingDate: '截止日期',
  rules: '认定规则', units: '数量', title: '学习内容', subjectType: '科目类型', hours: '学时', startDate: '开始日期', endDate: '结束日期', place: '培训地点',
  capacity: '计划人数', targetSeries: '面向职称系列', score: '成绩', qualified: '是否合格', source: '申报来源', flagged: '是否重点审核', baseName: '继续教育机构', orgName: '所在单位', file: '文件', learningForm: '学习形式', hoursPerUnit: '每单位学时', unit: '计量单位', capPerYear: '年度上限', note: '备注',
  includeClaims: '附学时明细', part: '批次',
  regionId: '区域', groupBy: '统计维度',
  personName: '姓名', completed: '完成情况',
  category: '材料类别', fileId: '文件', status: '状态',
};

/** Audit actions in Chinese (display and export). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': '登录', 'auth.logout': '退出登录', 'auth.password.change': '修改密码', 'account.locked': '账号锁定',
  'access.denied': '越权访问被拒绝', 'review.own': '审核本单位/本人的申请被拒绝', 'org.info.update': '修改单位信息',
  'department.create': '添加部门', 'department.update': '修改部门', 'department.delete': '删除部门',
  'admin.create': '新增管理员', 'admin.roles': '分配角色', 'admin.super.transfer': '移交超级管理员', 'admin.delete': '删除管理员',
  'role.create': '新增角色', 'role.update': '修改角色', 'role.delete': '删除角色',
  'session.end': '结束会话', 'registration.submit': '提交注册', 'registration.resubmit': '重新提交注册',
  'registration.approve': '注册审核通过', 'registration.reject': '注册审核驳回', 'org.disable': '停用机构', 'org.enable': '启用机构',
  'org.admin.reset-password': '重置机构管理员密码', 'change.submit': '提交变更申请', 'change.approve': '变更审核通过',
  'change.reject': '变更审核驳回', 'org.reparent': '更换上级部门生效', 'transfer.create': '发起人员调出',
  'transfer.confirm': '确认调入', 'transfer.refuse': '拒绝调入', 'transfer.cancel': '撤回调出', 'policy.update': '修改学时政策', 'class.create': '申报培训班', 'class.update': '修改培训班', 'class.withdraw': '撤回培训班',
  'class.approve': '培训班审核通过', 'class.reject': '培训班审核驳回', 'score.register': '登记学员成绩',
  'claim.approve': '学时审核通过', 'claim.reject': '学时审核驳回', 'claim.delete': '删除学时申报', 'claim.revoke': '学时审验不通过', 'annual.upload': '上传年度材料', 'claim.declare': '申报个人学时', 'claim.unit-approve': '单位审核通过学时申报', 'claim.unit-reject': '单位审核驳回学时申报', 'annual.approve': '年度材料审核通过', 'annual.reject': '年度材料审核驳回', 'pii.view': '查看完整个人信息', export: '导出数据',
  'certificate.issue': '签发电子证书', 'certificate.reprint': '重新打印电子证书', 'certificate.batch': '批量打印电子证书',
  'material.create': '新增年度工作材料', 'material.update': '修改年度工作材料', 'material.file.add': '上传材料文件',
  'personnel.reset-password': '重置专技人员密码', 'personnel.import': '批量导入专技人员', 'personnel.import.finish': '批量导入结束',
  'material.file.remove': '删除材料文件', 'material.submit': '提交年度工作材料', 'material.withdraw': '撤回年度工作材料', 'material.view': '查看下级报送的材料',
};
export const AUDIT_RESULTS: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

/** What an audit row acted on (audit_logs.target_type). */
export const AUDIT_TARGETS: Record<string, string> = {
  user: '账号', admin: '管理员', department: '内设部门', role: '角色', organization: '机构', session: '会话', personnel: '专技人员',
  change_request: '变更申请', transfer: '人员调转', hour_policy: '年度学时要求', training_class: '培训班', scores: '学员成绩',
  claim: '学时申报', annual_doc: '年度培训计划/工作总结', material: '年度工作材料', import_job: '导入任务', certificate: '学时证明',
};

/** The 对象 of an audit row as users read it: "培训班 #12"; an export names what was exported ("导出：学时审验"). */
export function auditTargetLabel(r: { action: string; targetType: string | null; targetId: string | number | null; detail?: unknown }): string {
  if (r.action === 'export') {
    const title = (r.detail as { title?: unknown } | null | undefined)?.title;
    return typeof title === 'string' && title ? `导出：${title}` : '导出';
  }
  if (!r.targetType) return '';
  return `${AUDIT_TARGETS[r.targetType] ?? r.targetType}${r.targetId ? ` #${r.targetId}` : ''}`;
}
