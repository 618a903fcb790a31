// Chinese labels for the API's codes. Unknown codes are shown as they are.

export const ROLES = {
  admin: '系统管理员', inspector: '稽核人员', reviewer: '复审人员', policy: '规则管理人员', approver: '规则审批人员', hospital: '医院医保办',
  expert: '专家',
};
export const FAMILIES = {
  'high-coding': '高套分组', mismatch: '诊断与操作不符', 'split-admission': '分解住院', 'too-little-service': '服务不足',
  'data-quality': '数据质量', 'special-case': '特例单议',
};
export const RESULT_TYPES = { SUSPICIOUS: '可疑', VIOLATION: '明确违规' };
export const SEVERITIES = { HIGH: '高', MEDIUM: '中', LOW: '低' };
export const REVIEW_STATUS = {
  UNREVIEWED: '未审核', SAMPLED: '已抽中', IN_REVIEW: '审核中', CONFIRMED: '已认定', DISMISSED: '不予认定',
};
export const STEPS = {
  FIRST_REVIEW: '初审', SECOND_REVIEW: '复审', APPEAL: '申诉', INVESTIGATION: '调查核实', DECISION: '违规处理', DONE: '已办结',
};
export const STEP_ORDER = ['FIRST_REVIEW', 'SECOND_REVIEW', 'APPEAL', 'INVESTIGATION', 'DECISION', 'DONE'];
/** Who acts at each step (ReviewStep); an admin may act at any. */
export const STEP_ROLE = { FIRST_REVIEW: 'inspector', SECOND_REVIEW: 'reviewer', APPEAL: 'hospital', INVESTIGATION: 'inspector', DECISION: 'reviewer' };
export const ACTIONS = {
  CONFIRM: '确认', DISMISS: '不予认定', APPEAL: '申诉', ACCEPT: '认可', INVESTIGATE: '核实完毕', CLOSE_NOT_APPEALED: '逾期未申诉',
};
export const OUTCOMES = { CONFIRMED: '认定违规', DISMISSED: '不予认定' };
export const CAMPAIGN_STATUS = { DRAFT: '草稿', SAMPLED: '已抽样', IN_REVIEW: '审核中', CLOSED: '已关闭' };
export const SAMPLE_REASONS = { RANDOM: '随机抽取', VIOLATION: '明确违规', SUSPICIOUS: '可疑疑点' };
export const SWEEP_STATUS = { RUNNING: '进行中', DONE: '已完成', DONE_WITH_SKIPS: '已完成（有跳过）', FAILED: '失败', CANCELLED: '已取消' };
export const RUN_STATUS = { DRAFT: '草稿', FINAL: '已定稿' };
export const METHODS = { POINT: '点数法', RATE: '费率法', DIP: 'DIP 分值' };
export const INSURANCE = { EMPLOYEE: '职工医保', RESIDENT: '居民医保' };
export const SEX = { M: '男', F: '女' };
export const ROUTES = { EMERGENCY: '急诊', OUTPATIENT: '门诊', TRANSFER: '其他医疗机构转入', OTHER: '其他' };
export const DISCHARGE = {
  ROUTINE: '医嘱离院', TRANSFER_HOSPITAL: '医嘱转院', TRANSFER_COMMUNITY: '医嘱转社区/乡镇卫生院', AGAINST_ADVICE: '非医嘱离院', DEATH: '死亡', OTHER: '其他',
};
export const ADMISSION_CONDITION = { 1: '有', 2: '临床未确定', 3: '情况不明', 4: '无' };
export const COSTS = {
  bed: '床位费', consultation: '诊察费', examination: '检查费', lab: '化验费', treatment: '治疗费', surgery: '手术费', nursing: '护理费',
  material: '卫生材料费', westernDrug: '西药费', herbalDrug: '中药饮片费', patentDrug: '中成药费', generalService: '一般诊疗费',
  registration: '挂号费', other: '其他费',
};
export const LINE_SOURCES = { GROUP: '病组', CASE: '病例', FINDING: '疑点', CAMPAIGN: '专项抽查', PARAMETER: '政策参数', SPECIAL_CASE: '特例单议' };
export const RECONCILIATION = { AGREES: '一致', CORRECTED_AT_DECISION: '审核时更正', STATEMENT_DIFFERS: '清算单不一致' };
/** Evidence keys the rules use, in words; others are shown by their key. */
export const EVIDENCE = {
  claimedGroup: '申报病组', claimedWeight: '申报权重', supportedWeight: '有支持的权重', counterfactualGroup: '按编码应入病组',
  counterfactualWeight: '应入病组权重', countedComplications: '计入的并发症', excludedComplications: '被排除的并发症',
  removedCodes: '剔除的编码', baseRate: '基础费率', coefficient: '医院系数', laterCase: '再次住院病例', earlierCase: '前次住院病例',
  laterGroup: '再次住院病组', earlierGroup: '前次住院病组', daysBetween: '间隔天数', hoursBetween: '间隔小时', pricing: '计价依据',
  ventilatorHours: '呼吸机小时', icuHours: 'ICU 小时', totalCost: '总费用', standardCost: '标准费用', costRatio: '费用比',
  losDays: '住院天数', selfPayShare: '全自费占比', outOfPocket: '全自费', regroupedGroup: '重新分组', regroupedWeight: '重新分组权重',
};

export function label(map, code) {
  if (code === null || code === undefined || code === '') return '—';
  return map[code] ?? String(code);
}

/** 特例单议 (docs/special-cases.md): categories, declaration states, opinions, the decision rule. */
export const SPECIAL_CATEGORIES = {
  HIGH_COST: '极高费用', LOW_COST: '极低费用', SHORT_STAY: '极短住院', LONG_STAY: '超长住院', UNGROUPED: '未入组',
  NEW_TECHNOLOGY: '新药品/新耗材/新技术', OTHER: '其他',
};
export const SPECIAL_STATUS = {
  DECLARED: '已申报，待指派专家', ASSIGNED: '专家评审中', APPROVED: '认定', REJECTED: '不予认定', WITHDRAWN: '已撤回',
};
export const SPECIAL_STATUS_COLOR = { DECLARED: 'amber', ASSIGNED: 'blue', APPROVED: 'green', REJECTED: 'red', WITHDRAWN: null };
export const OPINIONS = { APPROVE: '同意', REJECT: '不同意' };
export const DECISION_RULES = {
  MAJORITY: '多数同意：过半数指派专家同意即认定，已不可能过半数时不予认定',
  UNANIMOUS: '全体同意：全部指派专家同意才认定，有一位不同意即不予认定',
};

/** 规则库版本 (docs/rule-lifecycle.md): states, in their order, and the history's actions. */
export const VERSION_STATUS = {
  DRAFT: '草稿', VALIDATED: '已校验', TESTED: '黄金用例通过', BACKTESTED: '已回测', APPROVED: '已批准', ACTIVE: '生效', RETIRED: '已退役',
};
export const VERSION_ORDER = ['DRAFT', 'VALIDATED', 'TESTED', 'BACKTESTED', 'APPROVED', 'ACTIVE'];
export const VERSION_STATUS_COLOR = { DRAFT: 'amber', VALIDATED: 'blue', TESTED: 'blue', BACKTESTED: 'blue', APPROVED: 'green', ACTIVE: 'green', RETIRED: null };
export const VERSION_ACTIONS = {
  drafted: '起草', 'file-written': '修改文件', 'file-removed': '删除文件', 'mode-set': '设置规则模式', 'zip-imported': '导入 zip',
  'golden-case-added': '添加黄金用例', validated: '校验通过', 'validate-failed': '校验未通过', tested: '黄金用例通过',
  'test-failed': '黄金用例未通过', 'backtest-started': '开始回测', backtested: '回测完成', 'approval-requested': '提请审批',
  approved: '批准', rejected: '退回', published: '发布', retired: '退役', 'rolled-back-to': '回滚至此版本', imported: '从磁盘导入', reactivated: '重新生效',
};
export const BACKTEST_STATUS = { RUNNING: '回测中', DONE: '已完成', FAILED: '失败' };
export const DIFF_CHANGES = { ADDED: '新增', REMOVED: '减少', CHANGED: '变化' };
export const FILE_DIFF = { ADDED: '新增', REMOVED: '删除', CHANGED: '修改' };
export const AREAS = { rules: '规则（rules-drl/）', knowledge: '知识库（knowledge-base/）', 'test-cases': '黄金用例（test-cases/）' };
