import Money
import Registry
import Store

/// 3201 对总账 and 3202 对明细账: the institution's figures against the center's.
extension NationalInterface {
  func reconcileTotals(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let records = try await store.settlements(try statementFilter(data, institution: institution.code))
    let ours = StatementTotals(records)
    let theirs = StatementTotals(
      medicalFee: try data.money("medfee_sumamt") ?? .zero, fund: try data.money("fund_pay_sumamt") ?? .zero,
      account: try data.money("acct_pay") ?? .zero, count: Int(data.string("fixmedins_setl_cnt") ?? "0") ?? -1)
    var differences: [String] = []
    func compare(_ name: String, _ center: Money, _ hospital: Money) {
      if center != hospital { differences.append("\(name)：中心\(center)，机构\(hospital)，差额\(hospital - center)") }
    }
    compare("医疗费总额 medfee_sumamt", ours.medicalFee, theirs.medicalFee)
    compare("基金支付总额 fund_pay_sumamt", ours.fund, theirs.fund)
    compare("个人账户支付 acct_pay", ours.account, theirs.account)
    if ours.count != theirs.count {
      differences.append("结算笔数 fixmedins_setl_cnt：中心\(ours.count)，机构\(theirs.count)")
    }
    return [
      "stmtinfo": [
        "setl_optins": .string(data.string("setl_optins") ?? engine.region.code),
        "stmt_rslt": .string(differences.isEmpty ? "0" : "1"),
        "stmt_rslt_dscr": .string(differences.isEmpty ? "对账平" : "对账不平：" + differences.joined(separator: "；")),
      ]
    ]
  }

  func reconcileDetails(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let records = try await store.settlements(try statementFilter(data, institution: institution.code))
    var theirs: [String: InputNode] = [:]
    for row in request.input.elements("detail") {
      theirs[try row.required("setl_id")] = row
    }
    var rows: [JSONValue] = []
    let amount = SettlementRendering.amount
    for record in records {
      let s = record.summary
      var result = "0"
      var memo = "平"
      if let row = theirs.removeValue(forKey: record.id) {
        var differences: [String] = []
        for (field, center) in [
          ("medfee_sumamt", s.medicalFee), ("fund_pay_sumamt", s.fundTotal), ("acct_pay", s.accountPay),
        ] {
          let hospital = try row.money(field) ?? .zero
          if hospital != center { differences.append("\(field) 中心\(center) 机构\(hospital)") }
        }
        if !differences.isEmpty {
          result = "1"
          memo = differences.joined(separator: "；")
        }
      } else {
        result = "1"
        memo = "机构明细中没有该结算"
      }
      rows.append([
        "psn_no": .string(record.personNumber), "mdtrt_id": .string(record.visitID), "setl_id": .string(record.id),
        "msgid": record.messageID.map(JSONValue.string) ?? .null, "stmt_rslt": .string(result),
        "refd_setl_flag": .string(record.cancels == nil ? "0" : "1"), "memo": .string(memo),
        "medfee_sumamt": amount(s.medicalFee), "fund_pay_sumamt": amount(s.fundTotal), "acct_pay": amount(s.accountPay),
      ])
    }
    for (id, row) in theirs.sorted(by: { $0.key < $1.key }) {
      rows.append([
        "psn_no": row.string("psn_no").map(JSONValue.string) ?? .null,
        "mdtrt_id": row.string("mdtrt_id").map(JSONValue.string) ?? .null,
        "setl_id": .string(id), "msgid": row.string("msgid").map(JSONValue.string) ?? .null, "stmt_rslt": "1",
        "refd_setl_flag": .string(row.string("refd_setl_flag") ?? "0"), "memo": "中心没有该结算",
        "medfee_sumamt": amount(try row.money("medfee_sumamt") ?? .zero),
        "fund_pay_sumamt": amount(try row.money("fund_pay_sumamt") ?? .zero),
        "acct_pay": amount(try row.money("acct_pay") ?? .zero),
      ])
    }
    return ["result": .array(rows)]
  }

  /// The period and kind of a statement: `stmt_begndate`…`stmt_enddate`, `insutype`, `clr_type`.
  func statementFilter(_ data: InputNode, institution: String) throws(InterfaceError) -> SettlementFilter {
    guard let begin = try data.dateTime("stmt_begndate")?.day, let end = try data.dateTime("stmt_enddate")?.day else {
      throw InterfaceError("缺少对账起止日期 stmt_begndate、stmt_enddate")
    }
    return SettlementFilter(
      institutionCode: institution, insuranceType: data.string("insutype"), clearingType: data.string("clr_type"),
      from: begin, to: end)
  }
}

/// A statement's totals: settlements and cancellations net (a cancelled pair adds nothing).
struct StatementTotals {
  var medicalFee = Money.zero
  var fund = Money.zero
  var account = Money.zero
  var count = 0

  init(medicalFee: Money, fund: Money, account: Money, count: Int) {
    self.medicalFee = medicalFee
    self.fund = fund
    self.account = account
    self.count = count
  }

  init(_ records: [SettlementRecord]) {
    for record in records {
      medicalFee += record.summary.medicalFee
      fund += record.summary.fundTotal
      account += record.summary.accountPay
      count += record.cancels == nil ? 1 : -1
    }
  }
}
