import { describe, expect, it } from 'vitest';
import { EventFact } from '../../../src/ingest/event-facts';
import { extractPage } from '../../../src/ingest/extract-page';

// Made-up pages in the shapes event pages use; no text is taken from a real page.
const page = (body: string, frontMatter = 'title: "示例社区 Meetup 测试站"\ndate: 2024-05-01T14:00:00+08:00') =>
  `---\n${frontMatter}\n---\n${body}`;
const eventOf = (body: string, frontMatter?: string): EventFact => {
  const result = extractPage({ path: 'content/zh/activities/example-9/index.md', text: page(body, frontMatter), community: 'sofastack' });
  if (!result.ok || !('event' in result)) throw new Error(`no event: ${JSON.stringify(result)}`);
  return result.event;
};
const credits = (event: EventFact) =>
  (event.talks ?? []).map((t) => [t.title, (t.speakers ?? []).map((s) => `${s.name}/${s.alias ?? ''}/${s.role}`)]);

describe('the Hugo event-page reader', () => {
  describe('speaker blocks', () => {
    it('credits a name standing alone above 嘉宾简介 to the bold title above it', () => {
      const body = [
        '## 活动议程',
        '**《示例网关的设计取舍》**',
        '钱多多',
        '嘉宾简介：示例科技公司高级工程师，负责网关研发。',
        '议题简介：讲讲网关里做过的取舍。',
        '**《配置中心的一致性》**',
        '孙小满',
        '嘉宾简介：某某大学研究员。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例网关的设计取舍', ['钱多多//SPEAKER']],
        ['配置中心的一致性', ['孙小满//SPEAKER']],
      ]);
    });

    it('takes a heading without 《》 as the title when a speaker block stands under it', () => {
      const body = [
        '## 议程',
        '### 用示例框架写一个调度器',
        '周一鸣',
        '嘉宾简介：示例公司资深工程师。',
        '### 另一个调度器的故事',
        '吴二妹',
        '嘉宾简介：示例社区维护者。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['用示例框架写一个调度器', ['周一鸣//SPEAKER']],
        ['另一个调度器的故事', ['吴二妹//SPEAKER']],
      ]);
    });

    it('credits each talk on a page that puts the speaker block before its title', () => {
      const body = [
        '## 分享内容',
        '郑小北',
        '嘉宾简介：示例公司工程师。',
        '**《第一个议题》**',
        '议题简介：先讲一。',
        '冯小南',
        '嘉宾简介：示例公司架构师。',
        '**《第二个议题》**',
        '议题简介：再讲二。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['第一个议题', ['郑小北//SPEAKER']],
        ['第二个议题', ['冯小南//SPEAKER']],
      ]);
    });

    it('does not miss the first talk when its speaker stands below an abstract of several paragraphs', () => {
      const body = [
        '## 活动议程',
        '**示例网关的设计取舍**',
        '议题简介：讲讲网关里做过的取舍。',
        '第二段介绍：从路由讲到限流。',
        '钱多多',
        '嘉宾简介：示例公司工程师，负责网关研发。',
        '**配置中心的一致性**',
        '议题简介：讲讲一致性。',
        '孙小满',
        '嘉宾简介：某某大学研究员。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例网关的设计取舍', ['钱多多//SPEAKER']],
        ['配置中心的一致性', ['孙小满//SPEAKER']],
      ]);
    });

    it('does not make a talk of a bold line that no speaker stands near', () => {
      const body = ['## 活动介绍', '**欢迎大家来到现场交流**', '一些介绍的话。'].join('\n\n');
      expect(eventOf(body).talks).toEqual([]);
    });
  });

  describe('speaker-first and labelled titles', () => {
    it('credits name and role lines standing above a plain 《title》 to it, and those below a title to the one above', () => {
      const body = [
        '## 回顾',
        '嘉宾简介：',
        '《示例联盟的进展》',
        '赵一\n示例公司 技术经理\n关注运行时与编译器。',
        'Jane Roe\n示例基金会主席',
        '钱二\n示例集团资深技术专家',
        '《示例编译器的建设》',
        '嘉宾简介：一直从事编译器相关工作。',
        '孙三\n示例科技高级工程师',
        '《示例运行时的展望》',
        '嘉宾简介：孙三，示例运行时核心开发者。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例联盟的进展', ['赵一//SPEAKER', 'Jane Roe//SPEAKER']],
        ['示例编译器的建设', ['钱二//SPEAKER']],
        ['示例运行时的展望', ['孙三//SPEAKER']],
      ]);
    });

    it('does not take a 《book》 inside a sentence, or a line with text after the 》, as a title', () => {
      const body = ['## 介绍', '直播中将送出《示例之书》。', '《示例之书》即将出版', '嘉宾：张伟'].join('\n\n');
      expect(eventOf(body).talks).toEqual([]);
    });

    it('takes a heading with "名字，公司职位" right under it as a talk by that person', () => {
      const body = [
        '## 社区议题',
        '### Quillpod: 如何让应用秒级启动',
        '钱某某，示例公司研发工程师，示例项目 PMC',
        '![照片](https://example.com/a.jpg)',
        '**议题简介**',
        '讲讲模块化。',
        '### 加入示例钉钉群',
        '欢迎加入钉钉群：123456（搜索群号加入即可）',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['Quillpod: 如何让应用秒级启动', ['钱某某//SPEAKER']]]);
    });

    it('reads a bio that opens with the name in a sentence, and a bare repository URL under the talk', () => {
      const body = [
        '**《示例日志平台的实践》**',
        '**嘉宾介绍**',
        '吕某某是示例公司平台团队的技术专家，热爱开源。',
        '**项目地址**',
        'https://github.com/mosn/mosn',
      ].join('\n\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([['示例日志平台的实践', ['吕某某//SPEAKER']]]);
      expect(event.talks![0].projects).toEqual(['mosn']);
    });

    it('reads "名字：bio" lines under a bold 嘉宾介绍 as the speakers of the title above', () => {
      const body = [
        '## 活动回顾',
        '**《示例集群的规模化之路》**',
        '**嘉宾介绍**',
        '孙悦：示例集团技术专家，目前主要做集群性能。',
        '周晴：示例集团高级技术专家，负责调度与交付。',
        '**议题简介**',
        '- 讲讲一个大集群里的取舍。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['示例集群的规模化之路', ['孙悦//SPEAKER', '周晴//SPEAKER']]]);
    });

    it('takes the line under a title label standing alone as the title, and an outline under 大纲 as its abstract', () => {
      const body = [
        '### 示例 Webinar#3',
        '**分享主题：**',
        '《示例网格上的实践——甲 + 乙的探索》',
        '**分享嘉宾：**',
        '陈某某，示例生活平台研发工程师，云原生爱好者。',
        '**解决思路:**',
        '从几个切入点分析。',
        '**大纲：**',
        '- 对比 MOSN 和 Envoy 的支持',
      ].join('\n\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([['示例网格上的实践——甲 + 乙的探索', ['陈某某//SPEAKER']]]);
      expect(event.talks![0].projects).toEqual(expect.arrayContaining(['mosn', 'envoy']));
    });

    it('credits a bold name line with its company to the labelled title right below it', () => {
      const body = [
        '## 嘉宾及议题',
        '**周九 示例公司 资深工程师**',
        '**议题：示例消息中间件演进**',
        '**吴十 示例公司 技术专家**',
        '**议题：示例缓存设计**',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例消息中间件演进', ['周九//SPEAKER']],
        ['示例缓存设计', ['吴十//SPEAKER']],
      ]);
    });

    it('credits a speaker heading "Name | Company Role" to the title under it', () => {
      const body = [
        '#### 陈七 | 示例公司 技术专家',
        '**演讲主题：《示例容器隔离》**',
        '演讲简介：介绍容器隔离。',
        '#### 钱八 | 示例公司 工程师',
        '**演讲主题：《示例镜像加速》**',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例容器隔离', ['陈七//SPEAKER']],
        ['示例镜像加速', ['钱八//SPEAKER']],
      ]);
    });

    it('does not credit a bare heading word to the title below it', () => {
      const body = ['## 议程', '**演讲主题：《示例容器隔离》**'].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['示例容器隔离', []]]);
    });

    it('reads numbered labels ("议题一：《…》") and labelled headings ("### 分享主题：…") without their label', () => {
      const body = [
        '### 议题一：《示例日志系统》',
        '分享人：赵五 示例公司',
        '### 分享主题：示例运行时揭秘',
        '讲师：孙九（花名：石砚）',
        '讲师介绍：示例公司专家。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例日志系统', ['赵五//SPEAKER']],
        ['示例运行时揭秘', ['孙九/石砚/SPEAKER']],
      ]);
    });
  });

  describe('identity within a page', () => {
    it('gives a talk credited to an alias in the agenda the real name its plain timed detail line and bio give', () => {
      const body = [
        '| 时间 | 环节 | 嘉宾 |',
        '| --- | --- | --- |',
        '| 13:30-14:10 | 《示例网关的演进》 | 甲乙 示例公司 高级工程师 |',
        '',
        '## 详解',
        '',
        '13:30-14:10《示例网关的演进》',
        '',
        '- 讲师：甲乙 示例公司 高级工程师',
        '- 讲师介绍：王小明（花名甲乙），多年从事网关研发。',
        '- Topic 介绍：讲讲示例网关 ExampleGate 的取舍。',
      ].join('\n');
      const [talk] = eventOf(body).talks!;
      expect(talk.title).toBe('示例网关的演进');
      expect(talk.speakers).toEqual([{ name: '王小明', alias: '甲乙', role: 'SPEAKER' }]);
      expect(talk.abstract).toBe('讲讲示例网关 ExampleGate 的取舍。');
    });

    it('takes the real name from a bio that stands under no title', () => {
      const body = [
        '| 时间 | 环节 | 嘉宾 |',
        '| --- | --- | --- |',
        '| 13:30-14:10 | 《示例网关的演进》 | 甲乙 |',
        '',
        '## 讲师',
        '',
        '- 讲师介绍：王小明（花名：甲乙），多年从事网关研发。',
      ].join('\n');
      expect(credits(eventOf(body))).toEqual([['示例网关的演进', ['王小明/甲乙/SPEAKER']]]);
    });

    it('gives a talk credited to a 花名 alone the real name the bio states (name（花名 alias）)', () => {
      const body = [
        '## 议程',
        '| 时间 | 环节 | 嘉宾 |',
        '| --- | --- | --- |',
        '| 14:00-14:40 | 《示例存储引擎解析》 | 青禾 示例金服 高级技术专家 |',
        '## 嘉宾介绍',
        '- 陈思远（花名青禾），示例金服高级技术专家，负责存储引擎。',
      ].join('\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([['示例存储引擎解析', ['陈思远/青禾/SPEAKER']]]);
      expect(event.speakers!.map((s) => [s.name, s.alias])).toEqual([['陈思远', '青禾']]);
    });

    it('reads 花名： with a colon, name（alias） and a bare 花名 after the name as the same person', () => {
      const shapes = ['林晓（花名：远山）', '林晓（远山）', '林晓 花名远山'];
      for (const shape of shapes) {
        const body = ['## 议程', '### 19:00-19:50 示例议题', '远山 示例集团技术专家', '## 嘉宾', `- ${shape}`].join('\n\n');
        expect(credits(eventOf(body, 'title: "ExampleChannel#3：示例议题"\ndate: 2024-05-01T19:00:00+08:00'))).toEqual([
          ['示例议题', ['林晓/远山/SPEAKER']],
        ]);
      }
    });

    it('reads "name, company" English names and GitHub handles as people', () => {
      const body = [
        '## 议程',
        '| 时间 | 环节 | 嘉宾 |',
        '| --- | --- | --- |',
        '| 14:00 | 《Talk One》 | Jane Doe, Example Corp |',
        '| 15:00 | 《Talk Two》 | @octo-dev |',
      ].join('\n');
      expect(credits(eventOf(body))).toEqual([
        ['Talk One', ['Jane Doe//SPEAKER']],
        ['Talk Two', ['octo-dev/octo-dev/SPEAKER']],
      ]);
    });
  });

  describe('agenda tables', () => {
    it('reads a markdown agenda: time, talk and speaker columns, sign-in and breaks left out', () => {
      const body = [
        '| 时间 | 环节 | 分享嘉宾 |',
        '| --- | --- | --- |',
        '| 13:30 | 签到 | |',
        '| 14:00-14:40 | 《示例调度系统》 | 示例公司专家 张一 |',
        '| 14:40 | 茶歇 | |',
        '| 15:00-15:40 | 《示例消息队列》 | 王二、李三 |',
      ].join('\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([
        ['示例调度系统', ['张一//SPEAKER']],
        ['示例消息队列', ['王二//SPEAKER', '李三//SPEAKER']],
      ]);
      expect(event.talks![0].at?.line).toBe(8);
    });

    it('reads an HTML agenda table: a bold title in a cell, its speaker on the next line', () => {
      const body = [
        '## 议程',
        '<table>',
        '<tr><th colspan=2>ExampleChannel#1 《示例微服务实践》</th></tr>',
        '<tr>',
        '<td>19:00-20:00</td>',
        '<td>',
        '<b>《示例微服务实践》</b><br>',
        '赵四 花名石头（示例公司技术专家）',
        '</td></tr>',
        '</table>',
      ].join('\n');
      expect(credits(eventOf(body))).toEqual([['示例微服务实践', ['赵四/石头/SPEAKER']]]);
    });

    it('reads two people in one cell, each with alias and bio, split by a semicolon', () => {
      const body = [
        '| 时间 | 环节（分享主题） | 分享嘉宾 |',
        '| --- | --- | --- |',
        '| 9:30-10:10 | 《示例调度器的演进》 | 赵一鸣（青山），示例公司高级专家；钱二水（绿水），示例公司工程师 |',
        '| 10:10-10:50 | 《示例日志平台》 | 李云（远山），示例公司技术专家 |',
      ].join('\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例调度器的演进', ['赵一鸣/青山/SPEAKER', '钱二水/绿水/SPEAKER']],
        ['示例日志平台', ['李云/远山/SPEAKER']],
      ]);
    });
  });

  describe('panels', () => {
    it('credits a panel to its moderator and to the panelists listed under it', () => {
      const body = [
        '## 议程',
        '**圆桌环节-《示例开源的下一步》**',
        '主持人：韩梅 示例社区运营',
        '圆桌嘉宾：',
        '- 李雷 示例公司工程师',
        '- 王芳 示例大学讲师',
        '- 刘洋',
      ].join('\n\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([['示例开源的下一步', ['韩梅//MODERATOR', '李雷//PANELIST', '王芳//PANELIST', '刘洋//PANELIST']]]);
      expect(event.talks![0].kind).toBe('PANEL');
    });

    it('reads a panel label before a title as the kind, not as part of the title, in a table row too', () => {
      const body = ['| 时间 | 环节 | 嘉宾 |', '| --- | --- | --- |', '| 15:00-15:40 | 圆桌环节-《示例生态的未来》 | 韩梅 |'].join('\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([['示例生态的未来', ['韩梅//PANELIST']]]);
      expect(event.talks![0].kind).toBe('PANEL');
    });

    it('credits a panel on a plain timed detail line to its moderator and the guests listed under it', () => {
      const body = [
        '## 详解',
        '15:00-15:40 圆桌环节《示例生态的未来》',
        '- 主持人：韩梅 示例社区负责人',
        '- 嘉宾：\n  - 李雷 示例公司高级工程师\n  - 王芳 示例大学讲师',
      ].join('\n\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([['示例生态的未来', ['韩梅//MODERATOR', '李雷//PANELIST', '王芳//PANELIST']]]);
      expect(event.talks![0].kind).toBe('PANEL');
    });

    it('reads panelists given on one line', () => {
      const body = ['## 议程', '### 圆桌讨论：《示例话题》', '嘉宾：张伟、李娜、王强'].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['示例话题', ['张伟//PANELIST', '李娜//PANELIST', '王强//PANELIST']]]);
    });
  });

  describe('timed agendas', () => {
    it('reads bold "HH:MM - HH:MM Title by Name" lines and leaves lunch out', () => {
      const body = [
        '### 活动详情',
        '**9:00 - 9:40 示例框架入门 by 阿福**',
        '一段介绍。',
        '**12:00 - 13:00 午餐时间**',
        '**13:00 - 13:40 Example Runtime Deep Dive by Alex Chen**',
      ].join('\n\n');
      const event = eventOf(body);
      expect(credits(event)).toEqual([
        ['示例框架入门', ['阿福//SPEAKER']],
        ['Example Runtime Deep Dive', ['Alex Chen//SPEAKER']],
      ]);
    });

    it("leaves out the English edition's housekeeping: check-in, opening speech, coffee break, lunch, closing", () => {
      const slots = [
        '8:30 - 9:00 Check-in',
        '9:00 - 9:10 Opening speech Example Community',
        '9:10 - 9:50 Building Example Mesh by Dana Li',
        '10:00 - 10:15 Coffee break',
        '12:00 - 13:00 Lunch time',
        '13:00 - 13:40 Opening the Black Box of Example DB by Sam Wu',
        '17:00 - 17:10 Closing',
      ];
      const event = eventOf(['### Agenda', ...slots.map((s) => `**${s}**`)].join('\n\n'));
      expect(credits(event)).toEqual([
        ['Building Example Mesh', ['Dana Li//SPEAKER']],
        ['Opening the Black Box of Example DB', ['Sam Wu//SPEAKER']],
      ]);
    });
  });

  describe('upcoming-events lists', () => {
    it('reads each announced event with its talk and speaker', () => {
      const body = [
        '## 近期活动预告',
        '### ExampleChannel#7：《示例链路追踪实践》',
        '- 时间：6 月 6 日 19:00',
        '- 嘉宾：卫青 示例公司工程师',
        '### ExampleChannel#8：《示例服务注册发现》',
        '- 时间：6 月 13 日 19:00',
        '- 嘉宾：霍去病',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例链路追踪实践', ['卫青//SPEAKER']],
        ['示例服务注册发现', ['霍去病//SPEAKER']],
      ]);
    });

    it('reads a list of dated talks with the speaker after the title', () => {
      const body = ['## 活动预告', '- 6 月 6 日《示例一》 嘉宾：甲乙丙', '- 6 月 13 日《示例二》 嘉宾：丁戊'].join('\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例一', ['甲乙丙//SPEAKER']],
        ['示例二', ['丁戊//SPEAKER']],
      ]);
    });
  });

  describe('English names and several speakers', () => {
    it('reads "Name (Company)", "Name from Company" and "Name @ Company" as the person named', () => {
      const body = [
        '## Agenda',
        '| Time | Topic | Speaker |',
        '| --- | --- | --- |',
        '| 09:30-10:30 | Building an Example Mesh | Jane Doe (Example Corp) |',
        '| 10:30-11:30 | Tuning the Example Registry | John Roe from Example Labs |',
        '| 11:30-12:00 | Scaling an Example Queue | Mary Major @ Example Corp |',
      ].join('\n');
      expect(credits(eventOf(body))).toEqual([
        ['Building an Example Mesh', ['Jane Doe//SPEAKER']],
        ['Tuning the Example Registry', ['John Roe//SPEAKER']],
        ['Scaling an Example Queue', ['Mary Major//SPEAKER']],
      ]);
    });

    it('credits every speaker a mention lists with "/", "和" or "&"', () => {
      const body = ['## 议程', '**《示例网关的设计》**', '讲师：钱多多 / 孙小满', '**《配置中心的一致性》**', '讲师：周一鸣和吴二妹'].join(
        '\n\n',
      );
      expect(credits(eventOf(body))).toEqual([
        ['示例网关的设计', ['钱多多//SPEAKER', '孙小满//SPEAKER']],
        ['配置中心的一致性', ['周一鸣//SPEAKER', '吴二妹//SPEAKER']],
      ]);
      const english = [
        '## Agenda',
        '**Example Mesh in Practice**',
        'Speakers: Jane Doe & John Roe',
        '**Tuning the Example Registry**',
        'Speaker: Mary Major (Example Corp)',
      ].join('\n\n');
      expect(credits(eventOf(english))).toEqual([
        ['Example Mesh in Practice', ['Jane Doe//SPEAKER', 'John Roe//SPEAKER']],
        ['Tuning the Example Registry', ['Mary Major//SPEAKER']],
      ]);
    });

    it('keeps one speaker whose name holds 和 as one person', () => {
      const body = ['## 议程', '**《示例网关的设计》**', '讲师：王和平 示例公司工程师'].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['示例网关的设计', ['王和平//SPEAKER']]]);
    });
  });

  describe('what is not a talk', () => {
    it('leaves out a list of articles to claim, each a 《title》 after 【已认领】 or 【待认领】', () => {
      const body = [
        '### 示例 Lab',
        '- 认领列表：',
        '  - 【已认领】《示例框架总览》',
        '  - 【待认领】《示例框架的隔离机制》',
        '- 领取方式：回复文章标题',
      ].join('\n');
      expect(eventOf(body).talks ?? []).toEqual([]);
    });

    it('leaves out agenda rows for Q&A, draws, awards, wrap-up and the end, in Chinese and English', () => {
      const rows = ['签到', '现场答疑', '互动问答', '幸运抽奖', '颁奖', '活动总结', '活动结束', '总结', 'Q&A', 'Lucky Draw', 'Wrap-up'];
      const body = [
        '## 活动议程',
        '| 时间 | 议题 | 嘉宾 |',
        '| --- | --- | --- |',
        '| 14:00-14:40 | 《示例网关的设计》 | 钱多多 |',
        ...rows.map((r) => `| 15:00-15:10 | ${r} | 钱多多 |`),
      ].join('\n');
      expect(credits(eventOf(body))).toEqual([['示例网关的设计', ['钱多多//SPEAKER']]]);
    });

    it("leaves out timed housekeeping lines: a guests' Q&A round, a host's link-up, a group photo", () => {
      const body = [
        '## 议程',
        '**14:00-14:40 《示例网关的设计》**',
        '嘉宾：钱多多',
        '**14:40-15:00 嘉宾问答环节**',
        '**15:00-15:10 主持人串场**',
        '**15:10-15:20 合影留念**',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['示例网关的设计', ['钱多多//SPEAKER']]]);
    });

    it('makes one talk of a title the agenda and a later details part of the same section both write', () => {
      const body = [
        '## 活动议程',
        '**《示例网关的设计》**',
        '嘉宾：钱多多',
        '**《配置中心的一致性》**',
        '嘉宾：孙小满',
        '**《示例网关的设计》**',
        '钱多多',
        '嘉宾简介：示例公司工程师。',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([
        ['示例网关的设计', ['钱多多//SPEAKER']],
        ['配置中心的一致性', ['孙小满//SPEAKER']],
      ]);
    });

    it('makes no talks of the titles a past-events section lists, and reads the talks after it', () => {
      const body = [
        '## 往期回顾',
        '- 《往期的一个议题》 嘉宾：张三',
        '- 《另一个往期议题》 嘉宾：李四',
        '## 本期议程',
        '**《示例网关的设计》**',
        '嘉宾：钱多多',
      ].join('\n\n');
      expect(credits(eventOf(body))).toEqual([['示例网关的设计', ['钱多多//SPEAKER']]]);
    });

    it('makes no talk of a sign-up, introduction or recording line, even with a speaker near it', () => {
      const body = [
        '## 活动介绍',
        '**本次活动简介**',
        '嘉宾：钱多多',
        '## 报名方式',
        '**点击报名参加**',
        '嘉宾：钱多多',
        '## 回放',
        '**《示例网关的设计》直播回顾**',
        '嘉宾：钱多多',
      ].join('\n\n');
      expect(eventOf(body).talks).toEqual([]);
    });
  });

  describe('hostile pages', () => {
    it.each([
      ['whitespace', ' \n'.repeat(1_000_000)],
      ['brackets', '['.repeat(2_000_000)],
      ['image brackets', '!['.repeat(1_000_000)],
      ['unclosed cells', `<table>\n${'<td'.repeat(660_000)}`],
      ['emphasis runs', '*a_'.repeat(660_000)],
    ])('reads 2 MB of %s in under a second', (_name, body) => {
      const started = performance.now();
      const result = extractPage({
        path: 'content/zh/activities/hostile/index.md',
        text: page(body.slice(0, 1_990_000)),
        community: 'sofastack',
      });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result.ok).toBe(true);
    });
  });
});
