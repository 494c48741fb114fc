import Money
import Registry
import Settlement
import Store

/// 2206/2207 门诊预结算/结算, 2303/2304 住院预结算/结算, 2208/2305 结算撤销.
extension NationalInterface {
  func settleVisit(_ request: InterfaceRequest, kind: Visit.Kind, commit: Bool) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let visit = try await openVisit(request, node: data, kind: kind)
    let medicalType = try data.code("med_type", in: Self.medicalTypes) ?? visit.medicalType
    let insuranceType = data.string("insutype") ?? visit.insuranceType
    let serviceDate: Day
    if kind == .inpatient {
      // The discharge date decides; an interim settlement, or one before discharge, counts on its own date.
      let interim = data.string("mid_setl_flag") == "1"
      serviceDate = interim ? today() : (try visit.end.map { try Day($0) } ?? today())
    } else {
      guard let date = visit.serviceDate else { throw InterfaceError.field("mdtrt_id", visit.id, "就诊日期无效") }
      serviceDate = date
    }
    let lines = try await store.feeLines(visitID: visit.id, unsettledOnly: true)
    guard !lines.isEmpty else { throw InterfaceError.field("mdtrt_id", visit.id, "该就诊没有未结算的费用明细，不能结算") }
    let claimLines = try lines.map { line throws(InterfaceError) -> FeeLine in
      guard let item = store.catalogItem(code: line.itemCode, on: serviceDate) else {
        throw InterfaceError("明细feedetl_sn=\(line.serial) med_list_codg=“\(line.itemCode)”：目录项目在\(serviceDate)不在有效期内")
      }
      return FeeLine(serial: line.serial, item: item, price: line.price, count: line.count)
    }
    let claim = Claim(
      serviceDate: serviceDate, medicalType: medicalType, insuranceType: insuranceType,
      diseaseCode: visit.diseaseCode, settlementWay: try data.code("psn_setlway", in: ["01", "02"]) ?? "01",
      maternityType: visit.maternityType, usesAccount: data.string("acct_used_flag") == "1",
      institution: institution, lines: claimLines)
    try checkDeclaredTotal(data, lines: claimLines)
    let clearingType = kind == .inpatient ? "21" : "11"
    return try await settle(
      claim, visit: visit, request: request, certificateType: data.string("mdtrt_cert_type") ?? "02",
      clearingType: clearingType, commit: commit, lines: lines)
  }

  /// `medfee_sumamt`, when sent, must be the total of the lines being settled.
  func checkDeclaredTotal(_ data: InputNode, lines: [FeeLine]) throws(InterfaceError) {
    let total = Money.sum(lines.map(\.amount))
    if let declared = try data.money("medfee_sumamt"), declared != total {
      throw .field("medfee_sumamt", declared.description, "与未结算费用明细合计\(total)不一致")
    }
  }

  /// Computes (and with `commit`, stores) a settlement of `lines` and renders setlinfo +
  /// setldetail; with `newVisit` (a pharmacy purchase), the visit and its lines are stored with it.
  func settle(
    _ claim: Claim, visit: Visit, request: InterfaceRequest, certificateType: String, clearingType: String,
    commit: Bool, lines: [StoredFeeLine], newVisit: Bool = false
  ) async throws -> JSONValue {
    guard let person = try await store.person(number: visit.personNumber) else {
      throw InterfaceError.field("psn_no", visit.personNumber, "参保人员不存在")
    }
    guard let insurance = person.insurance(ofType: claim.insuranceType) else {
      throw InterfaceError.field("insutype", claim.insuranceType, "人员\(person.number)未参加该险种")
    }
    let importedBalance = person.insurance(ofType: engine.region.accountInsuranceType)?.accountBalance ?? .zero
    let engine = self.engine
    @Sendable func compute(_ totals: Accumulators) throws -> Settlement {
      let beneficiary = Beneficiary(
        person: person, insurance: insurance, accountBalance: importedBalance + totals[.account])
      return try engine.settle(claim, for: beneficiary, totals: totals)
    }
    let settledAt = now()
    var context = SettlementRendering.Context(
      settlementID: nil, visitID: visit.id, person: person, insuranceType: claim.insuranceType,
      personType: insurance.personType, medicalType: claim.medicalType, serviceDate: claim.serviceDate,
      settledAt: settledAt, certificateType: certificateType, messageID: request.messageID,
      clearingType: clearingType, clearingInstitution: engine.region.code, accountBalance: .zero)
    guard commit else {
      let settlement = try compute(try await store.accumulators(personNumber: person.number))
      context = context.with(insuranceType: settlement.insuranceType, balance: settlement.accountBalanceAfter)
      return [
        "setlinfo": SettlementRendering.setlinfo(settlement.summary, context),
        "setldetail": SettlementRendering.setldetail(settlement.funds),
      ]
    }
    let serials = claim.lines.map(\.serial)
    let institutionCode = claim.institution.code
    let messageID = request.messageID
    let record = try await store.settle(
      personNumber: person.number, visitID: visit.id, inserting: newVisit ? visit : nil, lines: lines
    ) { totals, settlementID in
      let settlement = try compute(totals)
      let record = SettlementRecord(
        id: settlementID, visitID: visit.id, personNumber: person.number, institutionCode: institutionCode,
        insuranceType: settlement.insuranceType, medicalType: claim.medicalType, clearingType: clearingType,
        settledAt: settledAt, serviceDate: claim.serviceDate.description, versionID: settlement.versionID,
        regimeID: settlement.regimeID, summary: settlement.summary, accountBalance: settlement.accountBalanceAfter,
        messageID: messageID, cancels: nil, cancelledBy: nil, funds: settlement.funds)
      return (record, settlement.changes, serials)
    }
    context = context.with(insuranceType: record.insuranceType, balance: record.accountBalance, settlementID: record.id)
    return [
      "setlinfo": SettlementRendering.setlinfo(record.summary, context),
      "setldetail": SettlementRendering.setldetail(record.funds),
    ]
  }

  func cancelSettlement(_ request: InterfaceRequest, kind: Visit.Kind) async throws -> JSONValue {
    let data = request.input.node("data")
    let visit = try await openVisit(request, node: data, kind: kind)
    let record = try await cancel(settlementID: try data.required("setl_id"), visit: visit, request: request)
    return SettlementRendering.mirror(record)
  }

  /// Stores the mirror of a settlement of this visit, once.
  func cancel(settlementID: String, visit: Visit, request: InterfaceRequest) async throws -> SettlementRecord {
    guard let original = try await store.settlement(id: settlementID), original.visitID == visit.id else {
      throw InterfaceError.field("setl_id", settlementID, "就诊\(visit.id)没有该结算")
    }
    guard original.cancels == nil else { throw InterfaceError.field("setl_id", settlementID, "这是一笔撤销记录，不能再撤销") }
    let settledAt = now()
    let messageID = request.messageID
    let importedBalance =
      try await store.person(number: original.personNumber)?.insurance(ofType: engine.region.accountInsuranceType)?
      .accountBalance ?? .zero
    do {
      return try await store.cancel(settlementID: settlementID) { original, totals, mirrorID in
        guard original.cancelledBy == nil else {
          throw InterfaceError.field("setl_id", settlementID, "该结算已于撤销记录\(original.cancelledBy ?? "")撤销")
        }
        return SettlementRecord(
          id: mirrorID, visitID: original.visitID, personNumber: original.personNumber,
          institutionCode: original.institutionCode, insuranceType: original.insuranceType,
          medicalType: original.medicalType, clearingType: original.clearingType, settledAt: settledAt,
          serviceDate: original.serviceDate, versionID: original.versionID, regimeID: original.regimeID,
          summary: original.summary.mirrored,
          accountBalance: importedBalance + totals[.account] + original.summary.accountPay, messageID: messageID,
          cancels: original.id, cancelledBy: nil,
          funds: original.funds.map {
            FundPayment(
              fund: $0.fund, name: $0.name, base: -$0.base, amount: -$0.amount, limitLeft: $0.limitLeft,
              explanation: "撤销结算\(original.id)：\($0.explanation)")
          })
      }
    } catch let error as StoreError {
      throw InterfaceError(error.description)
    }
  }
}

extension SettlementRendering.Context {
  func with(insuranceType: String, balance: Money, settlementID: String? = nil) -> Self {
    Self(
      settlementID: settlementID ?? self.settlementID, visitID: visitID, person: person, insuranceType: insuranceType,
      personType: personType, medicalType: medicalType, serviceDate: serviceDate, settledAt: settledAt,
      certificateType: certificateType, messageID: messageID, clearingType: clearingType,
      clearingInstitution: clearingInstitution, accountBalance: balance)
  }
}
