import Money
import Registry
import Settlement
import Store

/// 2204/2301 费用明细上传 and 2205/2302 撤销.
extension NationalInterface {
  func uploadFees(_ request: InterfaceRequest, kind: Visit.Kind) async throws -> JSONValue {
    let nodes = request.input.elements("feedetail")
    guard let first = nodes.first else { throw InterfaceError("费用明细 input.feedetail 不能为空") }
    let visit = try await openVisit(request, node: first, kind: kind)
    for node in nodes.dropFirst() where node.string("mdtrt_id") != visit.id {
      throw InterfaceError.field("mdtrt_id", node.string("mdtrt_id"), "同一次上传的明细必须属于同一就诊\(visit.id)")
    }
    guard let serviceDate = visit.serviceDate else { throw InterfaceError.field("mdtrt_id", visit.id, "就诊日期无效") }
    let existing = try await store.feeLines(visitID: visit.id)
    let parsed = try parseFeeLines(nodes, visitID: visit.id, existing: existing, serviceDate: serviceDate)
    let stored = try split(parsed, serviceDate: serviceDate, insuranceType: visit.insuranceType)
    try await store.insertFeeLines(stored, checkedAgainst: existing)
    return ["result": .array(zip(stored, parsed).map { SettlementRendering.splitResult($0, item: $1.line.item) })]
  }

  func withdrawFees(_ request: InterfaceRequest, kind: Visit.Kind) async throws -> JSONValue {
    // 2302 sends `data` as an array of {feedetl_sn, mdtrt_id, psn_no}; 2205 an object with chrg_bchno.
    let nodes = request.input.elements("data")
    guard let first = nodes.first else { throw InterfaceError("缺少必填字段 input.data") }
    let visit = try await openVisit(request, node: first, kind: kind)
    let serials = nodes.compactMap { $0.string("feedetl_sn") }.filter { $0 != "0000" }
    let removed = try await store.deleteUnsettledFeeLines(
      visitID: visit.id, batch: first.string("chrg_bchno"), serials: serials)
    guard removed > 0 else { throw InterfaceError.field("mdtrt_id", visit.id, "没有可撤销的未结算费用明细") }
    return [:]
  }

  /// A fee line as read from the request, with its catalogue item.
  struct ParsedLine {
    let line: FeeLine
    let node: InputNode
    let batch: String?
    let refundOf: String?
  }

  /// Reads and checks every line; the first bad one refuses the whole upload, naming it.
  func parseFeeLines(
    _ nodes: [InputNode], visitID: String, existing: [StoredFeeLine], serviceDate: Day
  ) throws(InterfaceError) -> [ParsedLine] {
    var serials = Set(existing.map(\.serial))
    var originals = Dictionary(existing.map { ($0.serial, $0) }, uniquingKeysWith: { first, _ in first })
    var refunded: [String: ExactDecimal] = [:]
    // The quantity already refunded of each original: the sum of its refund lines' negative counts.
    for line in existing {
      if let original = line.refundOf {
        refunded[original] = (refunded[original] ?? ExactDecimal(significand: 0, scale: 0)) - line.count
      }
    }
    var parsed: [ParsedLine] = []
    for (index, node) in nodes.enumerated() {
      let serial = try node.required("feedetl_sn")
      func refuse(_ field: String, _ value: String?, _ reason: String) -> InterfaceError {
        InterfaceError("第\(index + 1)条明细(feedetl_sn=\(serial)) \(field)=“\(value ?? "")”：\(reason)")
      }
      guard serials.insert(serial).inserted else { throw refuse("feedetl_sn", serial, "明细流水号重复") }
      let code = try node.required("med_list_codg")
      let price = try node.decimal("pric", maxScale: 6)
      let count = try node.decimal("cnt", maxScale: 4)
      guard let declared = try node.money("det_item_fee_sumamt") else {
        throw refuse("det_item_fee_sumamt", nil, "缺少明细金额")
      }
      let refundOf = node.string("init_feedetl_sn")
      if let refundOf {
        guard let original = originals[refundOf] else { throw refuse("init_feedetl_sn", refundOf, "原明细不存在") }
        guard original.itemCode == code else {
          throw refuse("med_list_codg", code, "与原明细\(refundOf)的项目\(original.itemCode)不一致")
        }
        guard original.price == price else { throw refuse("pric", price.description, "与原明细单价\(original.price)不一致") }
        guard count.isNegative else { throw refuse("cnt", count.description, "退费明细数量必须为负数") }
        let already = refunded[refundOf] ?? ExactDecimal(significand: 0, scale: 0)
        let after = already - count
        guard !(original.count < after) else {
          throw refuse("cnt", count.description, "退费数量超过原明细\(refundOf)未退数量")
        }
        refunded[refundOf] = after
      } else {
        guard !count.isNegative, count.significand != 0 else { throw refuse("cnt", count.description, "数量必须大于0") }
        guard !price.isNegative else { throw refuse("pric", price.description, "单价不能为负数") }
      }
      guard let item = store.catalogItem(code: code, on: serviceDate) else {
        throw refuse(
          "med_list_codg", code, store.catalogItemExists(code: code) ? "目录项目在\(serviceDate)不在有效期内" : "医保目录中不存在该项目")
      }
      let line = FeeLine(serial: serial, item: item, price: price, count: count)
      guard line.amount == declared else {
        throw refuse("det_item_fee_sumamt", declared.description, "不等于单价×数量 \(price)×\(count)=\(line.amount)")
      }
      parsed.append(ParsedLine(line: line, node: node, batch: node.string("chrg_bchno"), refundOf: refundOf))
      let stored = StoredFeeLine(
        visitID: visitID, serial: serial, batch: nil, itemCode: code, institutionItemCode: nil, price: price,
        count: count, amount: line.amount, fullOwnPay: .zero, overLimit: .zero, preSelfPay: .zero, inScope: .zero,
        selfPayRatio: .zero, refundOf: refundOf, occurredAt: nil)
      originals[serial] = stored
    }
    return parsed
  }

  func split(_ parsed: [ParsedLine], serviceDate: Day, insuranceType: String) throws -> [StoredFeeLine] {
    let split = try engine.split(parsed.map(\.line), serviceDate: serviceDate, insuranceType: insuranceType)
    return zip(parsed, split.lines).map { parsed, line in
      StoredFeeLine(
        visitID: parsed.node.string("mdtrt_id") ?? "", serial: line.line.serial, batch: parsed.batch,
        itemCode: line.line.item.code, institutionItemCode: parsed.node.string("medins_list_codg"),
        price: line.line.price, count: line.line.count, amount: line.line.amount, fullOwnPay: line.fullOwnPay,
        overLimit: line.overLimit, preSelfPay: line.preSelfPay, inScope: line.inScope, selfPayRatio: line.selfPayRatio,
        refundOf: parsed.refundOf, occurredAt: try? parsed.node.dateTime("fee_ocur_time")?.text)
    }
  }
}
