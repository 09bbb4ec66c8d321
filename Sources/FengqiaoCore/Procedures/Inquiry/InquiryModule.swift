import Foundation

// What the 咨询建议及不适用件 bring to the app (issue 14 item 1, CP-25, CP-41): their paths; they share the
// complaint track's permissions and rule sets.

extension InquiryProcedure {
    public static let module = ProcedureModule(
        pathWord: "inquiries",
        moduleCode: "ZX",
        handlerPermissions: [.complaintRegister, .complaintHandle, .caseHandle, .caseCreate])
}
