/** The organisation a speaker's self-description names first ("蚂蚁集团技术专家" → "蚂蚁集团"). */
export function affiliationOf(about: string | null): string | null {
  const match = about ? /^(.*?(?:集团|公司|金服|电子云|腾讯云|阿里云|科技|银行|大学|研究院|网络))/.exec(about.split(/[，,、。]/)[0]) : null;
  return match ? match[1].trim() : null;
}

/** The standing role in a project a speaker's self-description names ("Seata Committer" → "Committer"). */
export function standingRoleOf(about: string): string | null {
  return /PPMC|PMC|Committer|Maintainer|负责人|发起人|核心成员|开发者|Contributor/i.exec(about)?.[0] ?? null;
}
