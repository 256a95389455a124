import { trimWhere } from './inline-markup';
import { plainText } from './markdown-lines';

/** A person as one line of a page describes them. */
export interface PersonLine {
  name: string;
  alias: string | null;
  /** What the line says about them besides their name: affiliation, job, project roles. */
  about: string | null;
}

/** "花名：亦夏": the alias a person goes by. */
const ALIAS = /花名\s*(?:[:：]\s*)?([\p{Script=Han}A-Za-z]{1,6})/u;

const NOT_A_NAME = /蚂蚁|金服|集团|公司|团队|社区|技术|专家|负责|工程|总监|架构|开发|成员|主持|嘉宾|介绍|简介|花名|目前|云|科技|大学|基于|关于|项目|开源|主要|现任|就职|待定|更新|核心|作者|曾在|曾经|先后|毕业|从事|擅长|热爱|拥有|参与|加入/;

/** Whether a short string looks like a personal name (2–4 Han characters, or a Latin handle). */
export function isLikelyName(text: string): boolean {
  return /^\p{Script=Han}{2,4}$/u.test(text) && !NOT_A_NAME.test(text);
}

/**
 * Reads a person from lines such as "王特（花名：亦夏），Apache Seata 社区 PPMC",
 * "卓与 蚂蚁金服 Service Mesh 落地负责人", "蚂蚁金服技术总监 杨冰" or "**胡子杰**（*花名：致节*）".
 */
export function readPersonLine(raw: string): PersonLine | null {
  let text = plainText(raw).replace(/^(嘉宾|讲师|分享嘉宾)(介绍|简介)?\s*[:：]\s*/, '').trim();
  const handle = /^(\p{Script=Han}{2,4})\s*@\s*(\S.*)$/u.exec(text);
  if (handle && isLikelyName(handle[1])) return { name: handle[1], alias: null, about: tidy(handle[2]) };
  const aliasMatch = ALIAS.exec(text);
  const alias = aliasMatch ? aliasMatch[1] : null;
  text = text.replace(/[（(][^（()）花]*(?:花(?!名)[^（()）花]*)*花名[^（()）]*[）)]/u, ' ');
  // The spaces before "花名" go with it; found by hand, as a leading `\s*` rescans every run of spaces.
  const bare = ALIAS.exec(text);
  if (bare) {
    let start = bare.index;
    while (start > 0 && /\s/.test(text[start - 1])) start--;
    text = `${text.slice(0, start)} ${text.slice(bare.index + bare[0].length)}`;
  }
  const lead = /^(\p{Script=Han}{2,4})(?=$|[\s，,、（(:：。])/u.exec(text.trim());
  const host = /^([A-Za-z][\w-]{2,20})\s+主持人?$/.exec(text.trim());
  if (host) return { name: host[1], alias: null, about: '主持人' };
  if (lead && isLikelyName(lead[1])) return { name: lead[1], alias, about: tidy(text.trim().slice(lead[1].length)) };
  const tail = /(?:^|\s|专家|工程师|负责人|成员|总监|架构师|经理|创始人|研究员)(\p{Script=Han}{2,4})$/u.exec(text.trim());
  if (tail && isLikelyName(tail[1]) && tail.index < 30 && !/[，,。]/.test(text.slice(0, tail.index))) return { name: tail[1], alias, about: tidy(text.trim().slice(0, tail.index)) };
  if (alias) return { name: alias, alias, about: tidy(text) };
  return null;
}

function tidy(text: string): string | null {
  const cleaned = trimWhere(trimWhere(text, (c) => /[\s，,、:：。]/.test(c), 'start'), (c) => /[\s，,、。]/.test(c), 'end').replace(/^[（(](.*)[）)]$/, '$1').replace(/\s+/g, ' ').trim();
  return cleaned || null;
}
