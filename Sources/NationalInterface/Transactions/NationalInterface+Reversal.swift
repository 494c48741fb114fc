import Store

/// 2601 冲正: undoes a 2207, 2208, 2304, 2305, 2102, 2103 or 2401 whose answer the sender
/// never got, as if it had never happened.
extension NationalInterface {
  static let reversible: Set<String> = ["2207", "2208", "2304", "2305", "2102", "2103", "2401"]

  func reverse(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let original = try data.required("omsgid")
    let transaction = String(try data.required("oinfno").prefix(4))
    guard Self.reversible.contains(transaction) else {
      throw InterfaceError.field(
        "oinfno", transaction, "不支持冲正该交易（可冲正：\(Self.reversible.sorted().joined(separator: "、"))）")
    }
    guard original != request.messageID else { throw InterfaceError.field("omsgid", original, "是本交易自己的msgid") }
    // `handle` holds the original message's lock too, until this commits.
    try await undo(original, transaction: transaction, person: data.string("psn_no"), institution: institution.code)
    return [:]
  }

  private func undo(_ original: String, transaction: String, person: String?, institution: String) async throws {
    if transaction == "2401" {
      guard let visitID = try await store.visitID(institutionCode: institution, messageID: original),
        let visit = try await store.visit(id: visitID)
      else { throw InterfaceError.field("omsgid", original, "没有该入院办理交易，无需冲正") }
      if let person, person != visit.personNumber { throw InterfaceError.field("psn_no", person, "与原交易的参保人员不一致") }
      guard visit.status != .cancelled else { throw InterfaceError.field("omsgid", original, "该入院已撤销或冲正") }
      try await cancelVisit(visit)
    } else {
      guard let record = try await store.settlement(institutionCode: institution, messageID: original) else {
        throw InterfaceError.field("omsgid", original, "没有该交易的结算记录，无需冲正")
      }
      if let person, person != record.personNumber { throw InterfaceError.field("psn_no", person, "与原交易的参保人员不一致") }
      guard (record.cancels == nil) == ["2207", "2304", "2102"].contains(transaction) else {
        throw InterfaceError.field("oinfno", transaction, "与原交易\(original)的类型不一致")
      }
      try await store.reverse(settlementID: record.id)
    }
    try await store.forgetAnswer(institutionCode: institution, messageID: original)
  }
}
