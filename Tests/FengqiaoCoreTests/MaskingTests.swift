import Testing
@testable import FengqiaoCore

@Suite("X-09 Masking")
struct MaskingTests {
    @Test("X-09 ID number keeps the first 4 and last 4 characters")
    func idNumber() {
        #expect(Masking.idNumber("11010519491231002X") == "1101**********002X")
        #expect(Masking.idNumber("440524188001010014") == "4405**********0014")
        #expect(Masking.idNumber("12345678") == "********")
    }

    @Test("X-09 mobile number keeps the first 3 and last 4 digits")
    func phone() {
        #expect(Masking.phone("13812341234") == "138****1234")
        #expect(Masking.phone(" 13912345678 ") == "139****5678")
        #expect(Masking.phone("010-62345678") == "010*****5678")
        #expect(Masking.phone("12345") == "***45")
    }

    @Test("X-09 person name keeps the surname and writes 某")
    func personName() {
        #expect(Masking.personName("张三丰") == "张某")
        #expect(Masking.personName("李四") == "李某")
        #expect(Masking.personName("王") == "某")
        #expect(Masking.personName("") == "")
    }

    @Test("X-09 compound surnames keep both characters", arguments: Masking.compoundSurnames.sorted())
    func compoundSurname(_ surname: String) {
        #expect(Masking.personName(surname + "明") == surname + "某")
        #expect(Masking.personName(surname + "明月") == surname + "某")
    }

    @Test("X-09 address keeps the district or county and masks the rest", arguments: [
        ("北京市海淀区中关村大街27号", "北京市海淀区****"),
        ("广东省深圳市南山区科技园南区5栋", "广东省深圳市南山区****"),
        ("福建省福州市闽侯县上街镇学府路1号", "福建省福州市闽侯县****"),
        ("广西壮族自治区南宁市青秀区民族大道100号", "广西壮族自治区南宁市青秀区****"),
        ("新疆维吾尔自治区阿克苏地区库车市天山路8号", "新疆维吾尔自治区阿克苏地区库车市****"),
        ("上海市浦东新区世纪大道100号", "上海市浦东新区****"),
        ("湖北省荆州市沙市区北京路1号", "湖北省荆州市沙市区****"),
        ("山东省济南市市中区经四路1号", "山东省济南市市中区****"),
        ("内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇", "内蒙古自治区呼伦贝尔市鄂温克族自治旗****"),
        ("江西省萍乡市安源区跃进路2号", "江西省萍乡市安源区****"),
    ])
    func address(_ address: String, _ masked: String) {
        #expect(Masking.address(address) == masked)
    }

    @Test("X-09 address without a district stops at the city, never keeping a street or housing estate")
    func addressWithoutDistrict() {
        #expect(Masking.address("浙江省义乌市稠城街道幸福小区3幢") == "浙江省义乌市****")
        #expect(Masking.address("广东省东莞市长安镇振安路88号") == "广东省东莞市****")
        #expect(Masking.address("江苏省苏州市昆山市玉山镇人民路1号") == "江苏省苏州市昆山市****")
        #expect(Masking.address("幸福小区3幢201室") == "****")
        #expect(Masking.address("人民路88号") == "****")
    }

    @Test("X-09 maskText replaces listed names, ID numbers and phones everywhere")
    func maskTextListed() {
        // setup
        let text = "申请人张三丰（身份证11010519491231002X，电话13812341234）称：张三丰于2025年9月1日致电13812341234。欧阳娜娜陪同。"
        // act
        let masked = Masking.maskText(text, names: ["张三丰", "欧阳娜娜"], idNumbers: ["11010519491231002X"], phones: ["13812341234"])
        // check
        #expect(masked == "申请人张某（身份证1101**********002X，电话138****1234）称：张某于2025年9月1日致电138****1234。欧阳某陪同。")
        #expect(!masked.contains("张三丰"))
        #expect(!masked.contains("13812341234"))
    }

    @Test("X-09 maskText finds unlisted ID numbers and mobile numbers")
    func maskTextScan() {
        let text = "证件号440524188001010014，另一号码11010519491231002x；手机:15900001111、+8613700002222；座机010-62345678"
        let masked = Masking.maskText(text, names: [], idNumbers: [], phones: [])
        #expect(masked == "证件号4405**********0014，另一号码1101**********002x；手机:159****1111、+86137****2222；座机010-62345678")
    }

    @Test("X-09 maskText leaves other numbers alone: USCC, amounts, longer runs")
    func maskTextNotPersonal() {
        let text = "统一社会信用代码914403001922038216，罚款12000元，单号123456789012345678901，编号10012345678X9"
        #expect(Masking.maskText(text, names: [], idNumbers: [], phones: []) == text)
    }

    @Test("X-09 maskText ignores one-character names and empty entries")
    func maskTextShortNames() {
        let text = "王先生称张三到场"
        #expect(Masking.maskText(text, names: ["王", "", "张三"], idNumbers: [""], phones: [" "]) == "王先生称张某到场")
    }
}
