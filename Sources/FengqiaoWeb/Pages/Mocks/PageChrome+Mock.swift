import Foundation

/// STYLE habit 7: every page model has a `.mock`, rendered by `PageRenderingTests` through the
/// real templates. The mocks share one office, one party and the days around National Day 2025,
/// and carry `MockData.hostile` where a user could type it, so the tests see it escaped (PLT-35).
enum MockData {
    /// What a user might type into any free-text field: markup and an ampersand.
    static let hostile = "<script>alert(1)</script> & 分店"
    static let unit = "江城区分局中村市场监督管理所"
    static let unitCode = "JC-ZC"
    static let party = "中村便民超市"
    static let partyUSCC = "91330102MA2KX4LQ3B"
    static let officer = "李明"
    static let csrf = "q3Zp8mN0sT2vW5yX-mock"
    static let caseID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"
    static let partyID = "0b7e4c1d-2a3f-4b5c-9d6e-7f8091a2b3c4"
    static let userID = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
    static let caseHref = "/cases/" + caseID
    static let caseNumber = "江中市监约〔2025〕18号"
    static let caseTitle = "关于\(party)销售过期食品的约谈"
}

extension PageChrome {
    /// A chrome without a request: what `init(request:title:)` gives a signed-in user.
    init(title: String, userName: String?, csrf: String?, unread: Int = 0, nav: [NavItem] = [], flash: String? = nil, flashError: String? = nil) {
        self.title = title
        self.userName = userName
        self.csrf = csrf
        self.unread = unread
        self.nav = nav
        self.flash = flash
        self.flashError = flashError
    }

    /// Signed in as the office's case handler, with the navigation a handler sees.
    static func mock(_ title: String, flash: String? = nil, flashError: String? = nil) -> Self {
        PageChrome(title: title, userName: MockData.officer, csrf: MockData.csrf, unread: 3,
                   nav: [NavItem(label: "我的工作", href: "/", active: true), NavItem(label: "期限", href: "/deadlines", active: false),
                         NavItem(label: "当事人", href: "/parties", active: false), NavItem(label: "统计", href: "/statistics", active: false)],
                   flash: flash, flashError: flashError)
    }

    /// Before signing in: no user bar, no session token.
    static let signedOut = PageChrome(title: "登录", userName: nil, csrf: nil)
}

extension SelectOption {
    /// Options from (value, label) pairs, the one whose value is `selected` marked.
    static func list(_ pairs: [(String, String)], selected: String? = nil) -> [SelectOption] {
        pairs.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == selected) }
    }
}
