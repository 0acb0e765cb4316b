/**
 * Reference dictionaries kept as data, one source for server, web, templates and imports.
 * 职称系列: the 27 series of 人社部《职称系列（专业）各层级名称》; levels a series has.
 * Not built yet: the per-series title NAMES with validity dates that SPEC §6 wants as province-editable data;
 * personnel store their 职称名称 as text beside the series and level from here.
 */
export const TITLE_LEVELS = { senior: '正高级', viceSenior: '副高级', intermediate: '中级', assistant: '助理级', junior: '员级' } as const;
export type TitleLevel = keyof typeof TITLE_LEVELS;

const ALL: TitleLevel[] = ['senior', 'viceSenior', 'intermediate', 'assistant', 'junior'];
const NO_JUNIOR: TitleLevel[] = ['senior', 'viceSenior', 'intermediate', 'assistant'];

export const TITLE_SERIES: ReadonlyArray<{ code: string; name: string; levels: TitleLevel[] }> = [
  { code: 'GDJS', name: '高等学校教师', levels: NO_JUNIOR },
  { code: 'ZXSH', name: '哲学社会科学研究人员', levels: NO_JUNIOR },
  { code: 'ZRKX', name: '自然科学研究人员', levels: NO_JUNIOR },
  { code: 'WSJS', name: '卫生技术人员', levels: ALL },
  { code: 'GCJS', name: '工程技术人员', levels: ALL },
  { code: 'NYJS', name: '农业技术人员', levels: ALL },
  { code: 'XW', name: '新闻', levels: NO_JUNIOR },
  { code: 'CB', name: '出版', levels: ALL },
  { code: 'TSZL', name: '图书资料', levels: ALL },
  { code: 'WWBW', name: '文物博物', levels: NO_JUNIOR },
  { code: 'DA', name: '档案', levels: ALL },
  { code: 'GYMS', name: '工艺美术', levels: ALL },
  { code: 'JGYX', name: '技工院校教师', levels: NO_JUNIOR },
  { code: 'TY', name: '体育', levels: NO_JUNIOR },
  { code: 'FY', name: '翻译', levels: NO_JUNIOR },
  { code: 'BYZC', name: '播音主持', levels: NO_JUNIOR },
  { code: 'KJ', name: '会计', levels: NO_JUNIOR },
  { code: 'TJ', name: '统计', levels: NO_JUNIOR },
  { code: 'JJ', name: '经济', levels: NO_JUNIOR },
  { code: 'SYJS', name: '实验技术', levels: ALL },
  { code: 'ZZJS', name: '中等职业学校教师', levels: ALL },
  { code: 'ZXXJ', name: '中小学教师', levels: ALL },
  { code: 'YS', name: '艺术', levels: ALL },
  { code: 'GGFL', name: '公共法律服务', levels: ALL },
  { code: 'CBJS', name: '船舶', levels: ALL },
  { code: 'MHFX', name: '民用航空飞行技术', levels: NO_JUNIOR },
  { code: 'SJ', name: '审计', levels: NO_JUNIOR },
];

export const EDUCATION_LEVELS = {
  doctor: '博士研究生', master: '硕士研究生', bachelor: '大学本科', college: '大学专科', secondary: '中专', other: '其他',
} as const;

export const GENDERS = { male: '男', female: '女' } as const;

/** 年度工作材料报送: the category of each uploaded file, and a submission's state. */
export const MATERIAL_CATEGORIES = { guide: '学习指南', notice: '工作通知', summary: '工作总结', other: '其他' } as const;
export type MaterialCategory = keyof typeof MATERIAL_CATEGORIES;
export const MATERIAL_CATEGORY_CODES = Object.keys(MATERIAL_CATEGORIES) as [MaterialCategory, ...MaterialCategory[]];
export const MATERIAL_STATUSES = { draft: '草稿', submitted: '已提交' } as const;
export type MaterialStatus = keyof typeof MATERIAL_STATUSES;
