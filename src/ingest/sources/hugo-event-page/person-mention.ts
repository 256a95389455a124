import { trimWhere } from '../../inline-markup';
import { labelled, MODERATOR_LABELS, SPEAKER_LABELS, BIO_LABELS, PANELIST_LABELS, NAME_SEPARATORS } from './labels';

/** A person as one mention on a page names them. */
export interface PersonMention {
  /** The real name when the mention gives one, else the alias it gives. */
  name: string;
  /** The 花名 (or handle) when the mention gives one besides, or as, the name. */
  alias: string | null;
  /** What the mention says about them besides their name: affiliation, job, project roles. */
  about: string | null;
}

const NOT_A_NAME =
  /蚂蚁|金服|集团|公司|团队|社区|技术|专家|负责|工程|总监|架构|开发|成员|主持|嘉宾|介绍|简介|花名|目前|云原生|云计算|云平台|云服务|上云|阿里云|金融云|腾讯云|华为云|科技|大学|基于|关于|项目|开源|主要|现任|就职|待定|更新|核心|作者|曾在|曾经|先后|毕业|从事|擅长|热爱|拥有|参与|加入|议题|分享|演讲|活动|时间|地点|直播|报名|环节|交流|签到|茶歇|抽奖|问答|致辞|下载|链接|地址|点击|查看|资料|回放|视频|更新|阿里|巴巴|腾讯|百度|字节|华为|京东|美团|网易|小米|滴滴|携程|快手|银行|证券|保险|研究|实验|学院|部门|中心|平台|业务|产品|系统/u;
const NOT_A_HANDLE =
  /^(TBD|TBA|N\/A|PPT|PDF|Demo|Q&A|QA|GitHub|Github|Slides?|Video|Live|Online|Offline|Meetup|Workshop|Keynote|Panel|Break|Lunch|Agenda|Topic|Speaker|Speakers|Host|Moderator|Apache|CNCF|Ant|Group|Alibaba)$/i;
// Words of job titles, teams and products, which a two-word Latin "name" never holds.
const NOT_A_LATIN_NAME =
  /^(Committer|Maintainer|Member|Members|Engineer|Developer|Contributor|Architect|Manager|Director|Founder|Lead|Leader|Team|Community|Group|Project|Cloud|Open|Source|Mesh|Service|Native|Runtime|Senior|Staff|Principal|Chief|Head|Expert|Apache|Foundation|Inc|Ltd|Corp|Labs?|Security|Data|Platform|Infrastructure|Tech|Technology|Software|Summer|Code|Meetup|Channel|Live|Online|Demo|Agenda|Topic|Speaker|Speakers|Host|Moderator|Panel|Keynote|Workshop|Break|Lunch|Welcome|Opening|Closing)$/;
const HAN_NAME = /^\p{Script=Han}{2,4}$/u;

/** Whether a short string looks like a personal name: 2–4 Han characters that are not a job or a place. */
export function isLikelyName(text: string): boolean {
  return HAN_NAME.test(text) && !NOT_A_NAME.test(text);
}

const PERSON_LABELS = [...PANELIST_LABELS, ...BIO_LABELS, ...SPEAKER_LABELS, ...MODERATOR_LABELS];

/**
 * Reads a person from a mention such as "王特（花名：亦夏），Apache Seata 社区 PPMC",
 * "章耿 花名余淮", "靳文祥（贾岛）", "卓与 蚂蚁金服 Service Mesh 落地负责人", "蚂蚁金服技术总监 杨冰",
 * "李四@MOSN 负责人", "Jane Doe, Example Corp" or a GitHub handle "@octo-cat". Null when the text
 * names nobody.
 */
export function readPerson(raw: string): PersonMention | null {
  let text = raw.replace(/\s+/g, ' ').trim();
  const label = labelled(text, PERSON_LABELS);
  if (label) text = label.value;
  if (!text || text.length > 2000) return null;
  const at = /^(\p{Script=Han}{2,4}) ?@ ?(.+)$/u.exec(text);
  if (at && isLikelyName(at[1])) return { name: at[1], alias: null, about: tidy(at[2]) };
  const aliasMatch = /花名 ?[:：]? ?([\p{Script=Han}A-Za-z]{1,6})/u.exec(text);
  const alias = aliasMatch ? aliasMatch[1] : null;
  text = text
    .replace(/[（(][^（()）花]*(?:花(?!名)[^（()）花]*)*花名[^（()）]*[）)]/u, ' ')
    .replace(/ ?花名 ?[:：]? ?[\p{Script=Han}A-Za-z]{1,6}/u, ' ')
    .trim();
  const paired = /^(\p{Script=Han}{2,4}) ?[（(] ?(\p{Script=Han}{2,4}|[A-Za-z][\w-]{1,30}) ?[）)]/u.exec(text);
  if (!alias && paired && isLikelyName(paired[1]) && paired[1] !== paired[2] && (isLikelyName(paired[2]) || isHandle(paired[2]))) {
    return { name: paired[1], alias: paired[2], about: tidy(text.slice(paired[0].length)) };
  }
  const host = /^([A-Za-z][\w-]{2,20}) 主持人?$/.exec(text);
  if (host) return { name: host[1], alias: null, about: '主持人' };
  const lead = /^(\p{Script=Han}{2,4})(?=$|[ ，,、（(:：。|-])/u.exec(text);
  if (lead && isLikelyName(lead[1])) return { name: lead[1], alias, about: tidy(text.slice(lead[1].length)) };
  const tail = /(?:^| |专家|工程师|负责人|成员|总监|架构师|经理|创始人|研究员)(\p{Script=Han}{2,4})$/u.exec(text);
  if (tail && isLikelyName(tail[1]) && tail.index < 30 && !/[，,。]/.test(text.slice(0, tail.index)))
    return { name: tail[1], alias, about: tidy(text.slice(0, tail.index)) };
  if (alias) return { name: alias, alias, about: tidy(text) };
  // "Jane Doe, Example Corp", "Jane Doe (Example Corp)", "Jane Doe from Example Corp", "Jane Doe @ Example".
  const latin = /^([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3})(?=$|[，,(（|@]| [-–—|@(（]| from | at )/.exec(text);
  if (latin && !latin[1].split(/[ -]/).some((word) => NOT_A_LATIN_NAME.test(word))) {
    return { name: latin[1], alias: null, about: tidy(text.slice(latin[1].length).replace(/^ ?(?:from |at |@ ?)/, ' ')) };
  }
  const handle = /^(?:@|(?:https?:\/\/)?github\.com\/)([A-Za-z0-9][\w-]{0,38})\/?$/.exec(text);
  if (handle) return { name: handle[1], alias: handle[1], about: null };
  return null;
}

/**
 * Reads every person a mention lists: "张三、李四" or "张三（蚂蚁集团），李四" each stand
 * for two; a single person's mention with commas in its bio stays one.
 */
export function readPeople(text: string): PersonMention[] {
  const label = labelled(text, PERSON_LABELS);
  const value = label ? label.value : text;
  // "张三（甲），示例公司专家；李四（乙），示例公司工程师": a semicolon parts whole mentions, each with its bio.
  const mentions = splitAt(value, PERSON_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (mentions.length > 1) {
    const people = mentions.map((m) => readPerson(m));
    if (people.every((p) => p !== null)) return people as PersonMention[];
  }
  const parts = splitAt(value, NAME_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 1 && parts.every((p) => readPerson(p) !== null && p.length <= 40)) {
    const people = parts.map((p) => readPerson(p)!);
    if (people.filter((p) => p.about === null || p.about.length < 20).length >= 2) return people;
  }
  const one = readPerson(value);
  return one ? [one] : [];
}

// Between whole mentions of people, each of which may carry commas of its own.
const PERSON_SEPARATORS = [';', '；', '\n'];

// Splits at every separator, longest first, by hand: one pass, no regex to backtrack.
function splitAt(text: string, list: readonly string[]): string[] {
  const separators = [...list].sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length;) {
    const separator = separators.find((s) => text.startsWith(s, i));
    if (separator) {
      parts.push(text.slice(start, i));
      i += separator.length;
      start = i;
    } else i++;
  }
  parts.push(text.slice(start));
  return parts;
}

function isHandle(text: string): boolean {
  return /^[A-Za-z][\w-]{1,38}$/.test(text) && /[a-z]/.test(text) && !NOT_A_HANDLE.test(text);
}

function tidy(text: string): string | null {
  const cleaned = trimWhere(
    trimWhere(text, (c) => /[\s，,、:：。|-]/.test(c), 'start'),
    (c) => /[\s，,、。]/.test(c),
    'end',
  )
    .replace(/^[（(](.*)[）)]$/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned || null;
}
