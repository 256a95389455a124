/**
 * What the words on an event page mean, as data: the labels pages put before a speaker, a
 * talk title, an abstract or a bio, and the words that mark panels, hosts and housekeeping.
 * Rules elsewhere match these lists; none of them carries a label of its own.
 */

/** Labels before the people who give a talk ("嘉宾：张三"). */
export const SPEAKER_LABELS = [
  '分享嘉宾',
  '演讲嘉宾',
  '嘉宾',
  '讲师',
  '分享人',
  '演讲人',
  '演讲者',
  '主讲人',
  '主讲',
  '讲者',
  'Speakers',
  'Speaker',
];

/** Labels before the people of a panel other than its moderator. */
export const PANELIST_LABELS = ['圆桌嘉宾', '对话嘉宾', '讨论嘉宾', '圆桌成员', 'Panelists'];

/** Labels before a panel's or session's moderator. */
export const MODERATOR_LABELS = ['主持人', '主持', '出品人', 'Moderator', 'Host'];

/** Labels before a speaker's bio ("嘉宾简介：…"); the name stands in or just before it. */
export const BIO_LABELS = [
  '嘉宾介绍',
  '嘉宾简介',
  '讲师介绍',
  '讲师简介',
  '个人介绍',
  '个人简介',
  '分享嘉宾介绍',
  '分享嘉宾简介',
  '作者简介',
  'Bio',
];

/** Labels before a talk's title ("议题：…"). "主题" alone names the event, not a talk. */
export const TITLE_LABELS = ['演讲主题', '分享主题', '演讲议题', '分享议题', '演讲题目', '分享题目', '议题名称', '议题', 'Topic', 'Title'];

/** Labels before a talk's abstract or what the audience takes home. */
export const ABSTRACT_LABELS = [
  '议题简介',
  '议题介绍',
  '议题大纲',
  '演讲简介',
  '演讲介绍',
  '演讲大纲',
  '分享简介',
  '分享介绍',
  '分享大纲',
  '内容简介',
  '内容大纲',
  '大纲',
  '听众收获',
  '听众收益',
  '你将收获',
  'Topic 介绍',
  'Topic介绍',
  'Abstract',
];

/** Headings whose section lists the event's guests. */
export const GUEST_HEADINGS = [
  '本期嘉宾',
  '本期讲师',
  '本期嘉宾介绍',
  '嘉宾介绍',
  '嘉宾阵容',
  '分享嘉宾',
  '分享嘉宾介绍',
  '讲师介绍',
  '讲师阵容',
  '嘉宾',
  '讲师',
];

/** Headings under which a talk's outline continues a timed agenda heading. */
export const OUTLINE_HEADING_WORDS = ['大纲', '收获', '简介', '亮点'];

/** Headings under which recordings are linked. */
export const REPLAY_HEADING_WORDS = ['回放', '回看', '视频回顾', '视频'];

/** Labels of the slide list ("资料下载：…"). */
export const SLIDES_LABELS = ['资料下载', '资料地址', '课件下载', 'PPT 下载', 'PPT下载', '演讲资料'];

/** Words of a title that make the talk a panel. */
export const PANEL_WORDS = ['圆桌', 'panel', 'Panel'];

/** Headings and bold lines that name a part of the page, never a talk. */
export const SECTION_WORDS = [
  '概要',
  '介绍',
  '活动介绍',
  '活动议程',
  '议程',
  '活动详情',
  '嘉宾',
  '直播回放',
  '视频回顾',
  '报名',
  '了解更多',
  '加入',
  '资料下载',
  '本期议题',
  '议题以及嘉宾详解',
  '活动回顾',
  '活动亮点',
  '合作伙伴',
  '主办方',
  '联系我们',
  '往期回顾',
  '更多',
  '欢迎',
  '扫码',
  '二维码',
  '钉钉',
  '公众号',
  'SOFAChannel',
  'SOFALab',
];

/** Words of an agenda entry that make it housekeeping (Q&A, draws, awards, wrap-up), never a talk. */
export const HOUSEKEEPING_WORDS = [
  '问答环节',
  '答疑环节',
  '互动问答',
  '现场问答',
  '现场答疑',
  '互动答疑',
  '串场',
  '颁奖',
  '活动结束',
  '活动总结',
  '幸运',
  'Lucky Draw',
  'lucky draw',
  'Networking',
];

/** Agenda entries that are housekeeping when they are the whole entry. */
export const HOUSEKEEPING_TITLES = ['答疑', '总结', '结束', 'Q&A', 'QA', 'Wrap-up', 'Wrap up', 'Closing', 'End'];

/**
 * Words of a heading or bold line that name a part of the page (sign-up, recordings, past
 * events, partners): such a line is never a talk, even with a speaker near it.
 */
export const NOT_A_TITLE_WORDS = [
  '报名',
  '扫码',
  '二维码',
  '点击',
  '直播回顾',
  '视频回顾',
  '活动回顾',
  '往期',
  '合作伙伴',
  '主办',
  '联系我们',
  '活动简介',
  '活动介绍',
  '本期简介',
  '直播间',
  '观看',
];

/** Headings of sections that list past events or further reading: their titles are not this event's talks. */
export const PAST_SECTION_WORDS = ['往期', '历史活动', '推荐阅读', '相关阅读', '延伸阅读', '更多活动', 'Past events', 'Previous events'];

/** Words before a 《title》 that make it an article to claim or write ("【已认领】《…》"), not a talk. */
export const CLAIM_WORDS = ['认领', '领取', '待写', 'Claimed', 'Unclaimed'];

/** Separators between several names in one mention ("张三、李四"). */
export const NAME_SEPARATORS = ['、', '，', ',', ';', '；', '&', '/', '／', '和', ' and '];

/** Whether a text starts with one of the labels; returns the label and what follows it. */
export function labelled(text: string, labels: readonly string[]): { label: string; value: string } | null {
  const body = text.replace(/^[「【[]/, '');
  for (const label of labels) {
    if (!body.startsWith(label)) continue;
    // "议题一：…", "议题 2：…": a numbered label is still the label.
    let rest = body
      .slice(label.length)
      .replace(/^[」】\]]/, '')
      .replace(/^ ?[一二三四五六七八九十\d]{1,3}(?=[:：])/, '');
    const colon = /^\s*[:：]\s*/.exec(rest);
    if (colon) rest = rest.slice(colon[0].length);
    else if (rest.trim() !== '') continue;
    return { label, value: rest.trim() };
  }
  return null;
}

/** Whether a text contains one of the words. */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}
