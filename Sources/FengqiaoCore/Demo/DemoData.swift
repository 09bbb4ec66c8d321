/// Deterministic sample data for the demo and the benchmarks: parties with valid identifiers.
public enum DemoData {
    /// SplitMix64: small, seeded, reproducible.
    public struct Random: RandomNumberGenerator, Sendable {
        private var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let orgWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// A valid USCC (GB 32100 with its embedded GB 11714 code) from a running number.
    public static func uscc(area: String = "330102", serial: Int, type: String = "91") -> String {
        // Organisation code: 8 digits from the serial, then its check character.
        let body = String(String(serial % 100_000_000).reversed()).padding(toLength: 8, withPad: "0", startingAt: 0)
        let bodyDigits = body.map { Int(String($0))! }
        let sum = zip(bodyDigits, orgWeights).map(*).reduce(0, +)
        let c = 11 - sum % 11
        let orgCheck = c == 10 ? "X" : (c == 11 ? "0" : String(c))
        let first17 = Array(type + area + body + orgCheck)
        let total = first17.enumerated().map { i, ch in usccAlphabet.firstIndex(of: ch)! * usccWeights[i] }.reduce(0, +)
        return String(first17) + String(usccAlphabet[(31 - total % 31) % 31])
    }

    /// A valid 18-digit ID number (GB 11643) for a birth date and sequence.
    public static func idNumber(area: String = "330102", birth: LocalDate, sequence: Int) -> String {
        let y = String(birth.year), m = birth.month < 10 ? "0\(birth.month)" : "\(birth.month)", d = birth.day < 10 ? "0\(birth.day)" : "\(birth.day)"
        let seq = String(sequence % 1000).padding(toLength: 3, withPad: "0", startingAt: 0)
        let first17 = area + y + m + d + String(seq.reversed())
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17.map { Int(String($0))! }, weights).map(*).reduce(0, +)
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉海燕春梅")
    static let places = ["江城", "中村", "东湖", "西山", "南塘", "北桥", "枫林", "青石", "凤凰", "白沙"]
    static let trades = ["食品", "商贸", "餐饮", "五金", "建材", "服饰", "电子", "药房", "超市", "农资", "汽车维修", "美容美发", "眼镜", "母婴用品", "粮油", "茶叶"]
    static let forms = ["有限公司", "商行", "经营部", "店", "有限责任公司", "超市", "批发部"]
    static let streets = ["人民路", "解放路", "中山路", "建设路", "文化路", "新华街", "和平路", "长江路"]

    public static func personName(_ r: inout Random) -> String {
        String(surnames[Int(r.next() % UInt64(surnames.count))]) + String(given[Int(r.next() % UInt64(given.count))])
            + (r.next() % 2 == 0 ? String(given[Int(r.next() % UInt64(given.count))]) : "")
    }

    /// `count` parties: mostly enterprises, some individual businesses and persons, all valid.
    public static func parties(count: Int, seed: UInt64 = 2025, serialBase: Int = 10_000) -> [PartyInput] {
        var r = Random(seed: seed)
        var out: [PartyInput] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let place = places[Int(r.next() % UInt64(places.count))]
            let trade = trades[Int(r.next() % UInt64(trades.count))]
            let street = streets[Int(r.next() % UInt64(streets.count))]
            let address = "浙江省江城市江城区\(street)\(Int(r.next() % 300) + 1)号"
            let phone = "13\(Int(r.next() % 10))\(String(format6(Int(r.next() % 100_000_000))))"
            let boss = personName(&r)
            let birth = LocalDate(ordinal: LocalDate(year: 1960, month: 1, day: 1)!.ordinal + Int(r.next() % 15000))
            switch i % 10 {
            case 0..<6:
                let form = forms[Int(r.next() % UInt64(forms.count))]
                out.append(PartyInput(kind: PartyKind.enterprise.rawValue, name: "江城市\(place)\(trade)\(form)\(i > 9 ? "" : "")\(i)号".replacingOccurrences(of: "\(i)号", with: i % 7 == 0 ? "第\(i)分店" : ""),
                                      uscc: uscc(serial: serialBase + i), representative: boss, phone: phone, address: address,
                                      industry: "F5\(Int(r.next() % 90) + 10)", licenceTermEnd: i % 3 == 0 ? "长期" : "20\(30 + i % 20)-12-31"))
            case 6..<9:
                out.append(PartyInput(kind: PartyKind.individualBusiness.rawValue, name: "\(place)\(boss)\(trade)店\(i)",
                                      uscc: uscc(serial: serialBase + i, type: "92"), idNumber: idNumber(birth: birth, sequence: i),
                                      representative: boss, phone: phone, address: address))
            default:
                out.append(PartyInput(kind: PartyKind.person.rawValue, name: boss, idNumber: idNumber(birth: birth, sequence: i), phone: phone, address: address))
            }
        }
        return out
    }

    private static func format6(_ v: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
