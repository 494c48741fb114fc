import Money
import Registry
import Settlement
import Store

/// 2101/2102 药店预结算/结算 and 2103 撤销: a purchase has no registration, so one call
/// carries the person, the lines and the settlement.
extension NationalInterface {
  func settlePharmacy(_ request: InterfaceRequest, commit: Bool) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let (person, insuranceType) = try await insuredPerson(data)
    let medicalType = try data.code("med_type", in: Self.medicalTypes) ?? "41"
    let begin = try data.dateTime("begntime") ?? (today(), now())
    let visit = Visit(
      id: store.nextVisitID(), personNumber: person.number, insuranceType: insuranceType,
      institutionCode: institution.code, kind: .outpatient, medicalType: medicalType, begin: begin.text,
      diseaseCode: data.string("dise_codg"))
    var nodes = request.input.elements("drugdetail")
    if nodes.isEmpty { nodes = request.input.elements("feedetail") }
    guard !nodes.isEmpty else { throw InterfaceError("药品明细 input.drugdetail 不能为空") }
    let parsed = try parseFeeLines(nodes, visitID: visit.id, existing: [], serviceDate: begin.day)
    let stored = try split(parsed, serviceDate: begin.day, insuranceType: insuranceType).map { line in
      StoredFeeLine(
        visitID: visit.id, serial: line.serial, batch: line.batch, itemCode: line.itemCode,
        institutionItemCode: line.institutionItemCode, price: line.price, count: line.count, amount: line.amount,
        fullOwnPay: line.fullOwnPay, overLimit: line.overLimit, preSelfPay: line.preSelfPay, inScope: line.inScope,
        selfPayRatio: line.selfPayRatio, refundOf: line.refundOf, occurredAt: line.occurredAt)
    }
    let claim = Claim(
      serviceDate: begin.day, medicalType: medicalType, insuranceType: insuranceType,
      diseaseCode: data.string("dise_codg"), settlementWay: try data.code("psn_setlway", in: ["01", "02"]) ?? "01",
      usesAccount: data.string("acct_used_flag") == "1", institution: institution, lines: parsed.map(\.line))
    try checkDeclaredTotal(data, lines: claim.lines)
    return try await settle(
      claim, visit: visit, request: request, certificateType: data.string("mdtrt_cert_type") ?? "02",
      clearingType: "41", commit: commit, lines: stored, newVisit: true)
  }

  func cancelPharmacy(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let settlementID = try data.required("setl_id")
    guard let original = try await store.settlement(id: settlementID), original.institutionCode == institution.code,
      let visit = try await store.visit(id: original.visitID)
    else { throw InterfaceError.field("setl_id", settlementID, "本药店没有该结算") }
    if let person = data.string("psn_no"), person != original.personNumber {
      throw InterfaceError.field("psn_no", person, "与结算\(settlementID)的参保人员不一致")
    }
    return SettlementRendering.mirror(try await cancel(settlementID: settlementID, visit: visit, request: request))
  }
}
