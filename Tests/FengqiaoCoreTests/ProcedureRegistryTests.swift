import FengqiaoCore
import Foundation
import Testing

/// Issue 12: the registry gathers what each procedure declares, so no list elsewhere names one;
/// PLT-17 case numbers.
@Suite("Procedure registry and case numbers")
struct ProcedureRegistryTests {
    @Test("The shipped registry lists each procedure once (the interview, the complaint and report tracks, the enforcement registry, mediation), by case type, path word and module code")
    func lookups() {
        let registry = ProcedureRegistry.shipped
        #expect(registry.procedures.map { $0.caseType } == ["interview", "complaint", "report", "inquiry", "penalty", "mediation"])
        #expect(registry.procedure(pathWord: "complaints")?.module.moduleCode == "TS")
        // The complaint rule sets come with the complaint track, no longer from the platform's list.
        #expect(ShippedRuleSets.platform.allSatisfy { $0.key != "complaint" })
        #expect(ShippedRuleSets.all.filter { $0.key == "complaint" }.map(\.label) == ["SAMR-20", "SAMR-121"])
        #expect(registry.procedure(caseType: "interview")?.nameZH == "行政约谈")
        #expect(registry.procedure(pathWord: "interviews")?.caseType == "interview")
        // Mediation's rule set came with its folder (issue 15), no longer from the platform's list.
        #expect(registry.procedure(pathWord: "mediations")?.caseType == "mediation")
        #expect(ShippedRuleSets.platform.map(\.key) == ["petition"])
        #expect(ShippedRuleSets.all.filter { $0.key == "mediation" }.count == 1)
        #expect(registry.stateNameZH(caseType: "interview", state: "legalReview") == "法制审核")
        // The interview's hand-offs have always written `penalty` records: they are the registry's cases to be filed.
        #expect(registry.stateNameZH(caseType: "penalty", state: "registered") == "待立案")
        #expect(registry.procedure(pathWord: "enforcement")?.module.moduleCode == "PN")
        #expect(ShippedRuleSets.platform.allSatisfy { $0.key != "penalty" })
        #expect(registry.stateNameZH(caseType: "demo", state: "registered") == nil)
    }

    @Test("Rule sets, permissions, qualification kinds, step names and templates come from the procedure's module")
    func gathered() {
        let registry = ProcedureRegistry.shipped
        #expect(ShippedRuleSets.all.contains { $0.key == "interview" })
        #expect(ShippedRuleSets.platform.allSatisfy { $0.key != "interview" })
        #expect(PermissionCatalogue.entry(.interviewApproveMajor)?.nameZH == "审批重大约谈")
        #expect(QualificationKind.all(registry).map(\.code).contains("interviewer"))
        #expect(QualificationKind.all(registry).map(\.code).contains("legal-review"))
        // One list: the platform's kinds and the procedure's, each once.
        #expect(Set(QualificationKind.all(registry).map(\.code)).count == QualificationKind.all(registry).count)
        #expect(registry.stepName("interviewUrgent") == "紧急约谈")
        #expect(registry.stepName("triage") == "分流")
        #expect(registry.stepName("no-such-step") == "no-such-step")
        // The interview's twelve, the complaint track's eight (CP-17: 委托调解函), the report track's four (CP-13:
        // 举报分送通知书), mediation's ten.
        #expect(registry.templates.count == 12 + 8 + 4 + 10)
        #expect(registry.sampleValues(template: "IV-NOTICE")["party.name"] != nil)
    }

    @Test("PLT-03 the shipped roles get the procedure's grants; interview.md step 4: the deputy leader approves, the unit head does not")
    func roleGrants() {
        #expect(ShippedRoles.officer.permissions.contains(.interviewHandle))
        #expect(ShippedRoles.unitHead.permissions.contains(.caseAssign))
        #expect(!ShippedRoles.unitHead.permissions.contains(.interviewApproveOrdinary))
        #expect(ShippedRoles.deputyLeader.permissions.contains(.interviewApproveOrdinary))
        #expect(!ShippedRoles.deputyLeader.permissions.contains(.interviewApproveMajor))
        #expect(ShippedRoles.chiefLeader.permissions.isSuperset(of: [.interviewApproveOrdinary, .interviewApproveMajor]))
        #expect(RoleCatalog.shipped.codes(granting: .interviewApproveOrdinary) == ["deputy-leader", "chief-leader"])
    }

    @Test("Each interview transition is its own type, listed once, with its fields declared once")
    func steps() {
        let keys = InterviewProcedure.transitions.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(InterviewProcedure.creation.key == "recordClue")
        for t in InterviewProcedure.transitions + [InterviewProcedure.creation] {
            let names = t.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(t.key) declares a field twice")
        }
    }

    @Test("PLT-17 case numbers: unit code, module code, year, a 4-digit serial that widens past 9999, read back")
    func caseNumbers() {
        #expect(CaseNumber(unitCode: "ZC", moduleCode: "IV", year: 2025, serial: 12).formatted == "ZC-IV-2025-0012")
        #expect(CaseNumber(unitCode: "ZC", moduleCode: "IV", year: 2025, serial: 12345).formatted == "ZC-IV-2025-12345")
        #expect(CaseNumber("ZC-IV-2025-0012") == CaseNumber(unitCode: "ZC", moduleCode: "IV", year: 2025, serial: 12))
        #expect(CaseNumber("ZC-IV-2025-12") == nil)
        #expect(CaseNumber("中村所约案〔2025〕1号") == nil)
    }
}
