import Foundation

extension HomePage.Model {
    /// A handler's worklist on 2025-09-30, the eve of National Day: one case due after the holiday.
    static var mock: Self {
        HomePage.Model(
            page: .mock("我的工作", flash: "已立案，核查期限开始计时"),
            items: [
                Item(href: MockData.caseHref, caseNumber: MockData.caseNumber, title: "\(MockData.party)（\(MockData.hostile)）销售过期食品",
                     state: "约谈准备", major: true, step: "约谈通知送达", due: "2025-10-09 24:00", signal: "yellow", signalText: "即将到期",
                     provisional: false, unconfirmed: false),
                Item(href: "/cases/2d3e4f50-6172-4839-8a4b-5c6d7e8f9a0b", caseNumber: "江中市监约〔2025〕17号", title: "中村菜场计量器具未检定",
                     state: "整改期", major: false, step: "整改期限", due: "2026-02-24", signal: "green", signalText: "正常", provisional: true,
                     unconfirmed: true),
            ],
            tabs: [Tab(href: "/?view=mine", label: "我经办的", active: true), Tab(href: "/?view=review", label: "待我审核", active: false)],
            view: "mine",
            states: SelectOption.list([("preparing", "约谈准备"), ("rectifying", "整改期")], selected: "preparing"),
            newCases: [NewCase(id: "new-interview", href: "/interviews/new", label: "登记约谈")],
            previousHref: nil, nextHref: "/?view=mine&page=2", pageNumber: 1,
            unitName: MockData.unit, roles: "办案人员", scope: "本单位")
    }
}

extension InboxPage.Model {
    /// CAL-41: deadline reminders sent over the National Day holiday, one unread.
    static var mock: Self {
        InboxPage.Model(page: .mock("消息"), items: [
            Item(title: "期限提醒：约谈通知送达", body: "\(MockData.caseTitle)将于2025-10-09到期（\(MockData.hostile)）", link: MockData.caseHref,
                 at: "2025-10-08 09:00", unread: true),
            Item(title: "2026年节假日安排已导入", body: "国办发明电〔2025〕7号", link: nil, at: "2025-10-01 08:30", unread: false),
        ])
    }
}

extension CasePages.DeadlinesModel {
    /// CAL-40/42: the handler's running steps and the unit's cards for 2025.
    static var mock: Self {
        CasePages.DeadlinesModel(
            page: .mock("期限"),
            rows: [Row(href: MockData.caseHref, caseTitle: "\(MockData.caseTitle) \(MockData.hostile)", step: "约谈通知送达", due: "2025-10-09",
                       signal: "orange", signalText: "今日到期", provisional: false),
                   Row(href: "/cases/2d3e4f50-6172-4839-8a4b-5c6d7e8f9a0b", caseTitle: "中村菜场计量器具未检定", step: "整改期限", due: "2026-02-24",
                       signal: "green", signalText: "正常", provisional: true)],
            cards: [Card(color: "yellow", name: "黄牌", reason: "本季度超期2件", at: "2025-10-10")],
            year: 2025, unitName: MockData.unit)
    }
}
