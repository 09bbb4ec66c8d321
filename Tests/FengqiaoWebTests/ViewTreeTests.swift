import Foundation
import Mustache
import Testing
@testable import FengqiaoWeb

/// The page models are reflected once into dictionaries before rendering (`ViewTree`): the output
/// must be what Mustache makes of the models themselves, for every kind of value pages use.
@Suite("Page models as view trees")
struct ViewTreeTests {
    enum Colour: String { case red, green }
    struct Day: CustomStringConvertible { let iso: String; var description: String { "日期 \(iso)" } }
    struct Item { let name: String; let count: Int; let tag: String?; let on: Bool; let day: Day; let colour: Colour }
    struct Page { let csrf: String; let title: String }
    struct Section { let action: String?; let rows: [Item]; let notes: [String] }
    struct Model {
        let page: Page
        let title: String
        let items: [Item]
        let empty: [Item]
        let section: Section?
        let missing: Section?
        let ratio: Double
        let flags: Set<String>
    }

    static let template = """
    <h1>{{title}}</h1>{{#items}}<li>{{name}}·{{count}}·{{tag}}{{^tag}}无{{/tag}}{{#on}}✔{{/on}}·{{day}}·{{colour}}·{{page.csrf}}·{{title}}</li>{{/items}}
    {{^empty(empty)}}有{{/empty(empty)}}{{#empty(empty)}}空{{/empty(empty)}}{{count(items)}}
    {{#section}}{{#action}}<form action="{{.}}">{{page.csrf}}</form>{{/action}}{{#rows}}[{{name}} {{title}}]{{/rows}}{{#notes}}<i>{{.}}</i>{{/notes}}{{/section}}
    {{#missing}}不应出现{{/missing}}{{^missing}}缺省{{/missing}}{{ratio}}{{#flags}}{{.}}{{/flags}}
    """

    @Test("The same HTML from the model and from its view tree: escaping, sections, inverted sections, optionals up the stack, transforms, descriptions, enums")
    func sameOutput() throws {
        let library = MustacheLibrary(templates: ["page": try MustacheTemplate(string: Self.template)])
        let items = [Item(name: "<script>甲</script>", count: 2, tag: "新", on: true, day: Day(iso: "2025-10-11"), colour: .red),
                     Item(name: "乙 & 丙", count: 0, tag: nil, on: false, day: Day(iso: "2026-02-24"), colour: .green)]
        for section in [Section(action: "/cases/1/revisits", rows: items, notes: ["一", "\"二\""]), Section(action: nil, rows: [], notes: [])] {
            let model = Model(page: Page(csrf: "tok'en", title: "页"), title: "标题 <b>", items: items, empty: [], section: section, missing: nil,
                              ratio: 0.925, flags: ["x"])
            let direct = library.render(model, withTemplate: "page")
            let tree = library.render(ViewTree.build(model) as Any, withTemplate: "page")
            #expect(direct != nil)
            #expect(tree == direct)
        }
        #expect(library.render(ViewTree.build(Model(page: Page(csrf: "t", title: "p"), title: "x", items: [], empty: [], section: nil, missing: nil,
                                                   ratio: 1, flags: [])) as Any, withTemplate: "page")?.contains("缺省") == true)
    }
}
