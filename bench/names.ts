/**
 * The word lists of the bench data set (bench/dataset.ts): surnames weighted by their frequency in China, given-name
 * characters by gender, and the parts of organisation names. Pure data; dataset.ts turns the weights into the
 * lookup arrays its SQL indexes with a hash of the person.
 */

/** 'A12 B3 …' → [['A', 12], ['B', 3], …]: a word and its weight. */
const weighted = (s: string): [string, number][] =>
  s
    .trim()
    .split(/\s+/)
    .map((w) => [w.replace(/\d+$/, ''), Number(w.match(/\d+$/)![0])]);

/** Surnames with their approximate share of the population (per 10,000; 公安部 2020 figures, rounded). */
export const SURNAMES = weighted(
  '王720 李710 张680 刘540 陈450 杨310 黄230 赵230 吴200 周190 徐170 孙150 马145 朱144 胡140 郭128 何120 高120 林110 罗100 ' +
    '郑92 梁89 谢87 宋79 唐78 许70 韩69 冯67 邓66 曹64 彭62 曾62 肖58 田55 董54 袁53 潘53 于52 蒋51 蔡50 余48 杜48 叶46 程45 苏44 ' +
    '魏43 吕42 丁41 任40 沈39 姚38 卢37 姜36 崔35 钟34 谭33 陆32 汪32 范31 金30 石29 廖28 贾27 夏27 韦26 付26 方25 白24 邹24 孟23 ' +
    '熊30 秦22 邱22 江21 尹21 薛20 闫20 段20 雷22 侯19 龙18 史18 陶17 黎17 贺17 顾16 毛16 郝16 龚15 邵15 万18 钱15 严15 覃14 武14 ' +
    '戴14 莫13 孔13 向16 汤13 常12 温12 康12 施11 文11 牛11 樊11 葛10 邢10 安9 齐9 易10 乔9 伍9 庞9 颜8 倪8 庄8 聂8 章8 鲁8 岳7 翟7 ' +
    '殷7 詹7 申7 欧6 耿6 关6 兰6 焦6 俞6 左6 柳5 甘5 祝5 包5 宁5 尚5 符5 舒5 阮5 柯5 纪5 梅5 童5 凌4 毕4 单4 季4 裴4 霍4 涂5 成4 苗4 谷4 ' +
    '盛4 曲4 翁4 冉4 骆4 蓝4 路4 游4 辛3 靳3 管3 柴3 蒙3 鲍3 华3 喻4 祁3 蒲3 房3 滕3 屈3 饶3 解3 牟3 艾3 尤3 阳3 时3 穆3 农2 司2 卓2 古2 ' +
    '吉2 缪2 简2 车2 项2 连2 芦2 麦2 褚2 娄2 窦2 戚2 岑2 景2 党2 宫2 费2 卜2 冷2 晏2 席2 卫2 米2 柏2 宗2 瞿2 桂2 全2 佟2 应2 臧2 闵2 苟2 ' +
    '邬2 边2 卞2 姬2 师2 和1 仇1 栾1 隋1 商1 刁1 沙1 荣1 巫1 寇1 桑1 郎1 甄1 丛1 仲1 虞1 敖1 巩1 明1 佘1 池1 查1 麻1 苑1 迟1 邝1 欧阳3 司马1 ' +
    '上官1 诸葛1 皇甫1 ',
);

/**
 * Given-name characters by gender and position, with relative weights: a two-character name takes its first from
 * *_FIRST and its second from *_LAST (建国, 志强, 晓明; 丽娟, 海燕, 秀英); a one-character name takes *_LAST (伟, 芳, 敏, 静).
 */
export const MALE_FIRST = weighted(
  '建30 志30 晓20 文25 国20 海20 永15 春12 明15 俊15 宏15 家15 子20 浩12 天12 一10 思8 嘉10 宇12 泽8 ' +
    '世8 德10 学10 光8 新10 振8 立8 金10 玉6 长8 云8 东10 小10 中8 红6 庆6 ',
);
export const MALE_LAST = weighted(
  '伟60 强40 明35 华35 军35 平25 杰35 涛30 辉30 斌25 峰25 磊30 勇30 超25 刚20 波25 鹏25 飞25 林20 宇25 ' +
    '浩20 凯20 鑫20 博15 龙15 亮15 成20 东15 海15 军10 兵15 毅10 锋10 健15 旭10 阳15 帅10 昊10 然10 轩10 睿10 ' +
    '晨10 瑞10 荣8 山8 松8 彬10 武8 民10 忠6 生10 福6 祥6 ',
);
export const FEMALE_FIRST = weighted(
  '丽20 秀20 晓20 海15 春15 玉15 美12 雪10 文12 佳15 欣12 思12 雨12 梦10 紫8 诗10 若8 婉6 静10 慧10 ' +
    '淑10 金8 桂10 红10 艳10 小10 子12 一8 嘉10 心8 ',
);
export const FEMALE_LAST = weighted(
  '芳60 娜40 敏50 静50 丽40 艳40 娟45 英40 霞35 燕35 玲30 婷40 雪25 慧30 琳30 颖30 倩30 欣20 怡20 瑶20 ' +
    '梅25 琴20 莉20 兰20 凤20 洁20 萱10 晶15 佳15 丹20 月10 华20 荣10 珍10 莹10 蕾10 媛10 悦10 琪10 涵10 ' +
    '欢10 露10 萍25 红20 云10 清8 薇8 菲8 ',
);

/** Parts of town names (镇/乡) and company names, combined per county. */
export const TOWN_A = '城新长石龙白黄杨金高三沙东西南北双青红花柳桥河山马李王张大小太平安永兴福宝清凤云'.split('');
export const TOWN_B = '关华岭桥泉沙山林店河湖港坪口阳溪坝塘铺集岗岩湾畈垸场头堰寺庙'.split('');
export const BRAND_A = '华宏鑫恒众天楚荆江长汉三光博创金瑞盛远通达兴昌泰丰德正中联新'.split('');
export const BRAND_B = '兴达源通合成天楚汉江峡谷远科信力拓泰安诚宇航润邦顺隆晟锐峰森'.split('');
export const INDUSTRIES: { name: string; kind: 'company' | 'engineering' | 'agriculture' }[] = [
  { name: '科技', kind: 'company' },
  { name: '建设工程', kind: 'engineering' },
  { name: '电子', kind: 'company' },
  { name: '医药', kind: 'company' },
  { name: '化工', kind: 'company' },
  { name: '机械制造', kind: 'engineering' },
  { name: '食品', kind: 'company' },
  { name: '建材', kind: 'company' },
  { name: '环保科技', kind: 'company' },
  { name: '物流', kind: 'company' },
  { name: '工程设计', kind: 'engineering' },
  { name: '勘察设计', kind: 'engineering' },
  { name: '信息技术', kind: 'company' },
  { name: '农业发展', kind: 'agriculture' },
  { name: '新能源', kind: 'engineering' },
  { name: '汽车零部件', kind: 'engineering' },
  { name: '纺织', kind: 'company' },
  { name: '生物科技', kind: 'company' },
  { name: '检验检测', kind: 'company' },
  { name: '水利水电工程', kind: 'engineering' },
];

/** Departments by kind of unit (the first N of the list, N growing with the unit's size). */
export const DEPARTMENTS: Record<string, string[]> = {
  hospital: [
    '内科',
    '外科',
    '妇产科',
    '儿科',
    '急诊科',
    '重症医学科',
    '麻醉科',
    '检验科',
    '医学影像科',
    '药学部',
    '护理部',
    '眼科',
    '耳鼻喉科',
    '口腔科',
    '中医科',
    '康复医学科',
    '感染科',
    '心血管内科',
    '神经内科',
    '肿瘤科',
  ],
  university: [
    '计算机学院',
    '机械学院',
    '经济学院',
    '法学院',
    '文学院',
    '外国语学院',
    '数学与统计学院',
    '物理学院',
    '化学学院',
    '生命科学学院',
    '医学院',
    '马克思主义学院',
    '体育学院',
    '艺术学院',
    '图书馆',
    '实验中心',
  ],
  school: [
    '语文教研组',
    '数学教研组',
    '英语教研组',
    '物理教研组',
    '化学教研组',
    '生物教研组',
    '政史地教研组',
    '体育组',
    '艺术组',
    '信息技术组',
    '教务处',
    '德育处',
  ],
  company: ['技术部', '研发中心', '工程部', '生产部', '质量管理部', '财务部', '设计所', '市场部'],
  other: ['业务一科', '业务二科', '办公室', '财务科'],
};

/** Training topics: 公需科目 (public) and professional ones, by the kind of people they are for. */
export const PUBLIC_TOPICS = [
  '专业技术人员公需科目：数字经济与创新驱动',
  '专业技术人员公需科目：职业道德与诚信建设',
  '专业技术人员公需科目：人工智能与产业发展',
  '专业技术人员公需科目：乡村振兴战略解读',
  '专业技术人员公需科目：知识产权保护',
];
export const PROFESSIONAL_TOPICS: Record<string, string[]> = {
  health: ['临床诊疗规范', '护理质量与安全管理', '急危重症救治', '合理用药', '医院感染防控', '全科医学', '中医适宜技术推广'],
  education: ['新课程标准解读', '教学设计与课堂实践', '信息技术应用能力提升', '班主任工作', '心理健康教育', '作业设计与评价'],
  engineering: ['建设工程质量安全', '智能制造技术', 'BIM技术应用', '工程造价管理', '新能源技术', '水利工程运行管理'],
  finance: ['企业会计准则', '财务报表分析', '税收政策解读', '内部控制与风险管理', '统计法规与实务'],
  general: ['科研方法与论文写作', '项目管理实务', '档案信息化管理', '农业技术推广', '文化遗产保护', '新闻采编实务'],
};
export const PLACES = ['北京', '上海', '广州', '杭州', '南京', '成都', '西安', '长沙', '武汉'];
export const REJECT_REASONS = ['佐证材料不清晰，请重新上传', '申报学时超过认定标准', '培训内容与本人专业不符', '非本人参加的学习活动'];
