import Money
import SQLKit
import Settlement

/// `yibao verify`: recomputes every settlement's totals and every accumulator from the
/// ledger and reports each difference.
extension Store {
  public func verify() async throws -> LedgerReport {
    try await read { sql in
      var problems: [String] = []
      // 1. The running totals are the ledger's sums, both ways.
      let sums = try await sql.raw(
        "SELECT psn_no, counter, period, CAST(SUM(delta) AS BIGINT) AS total FROM ledger GROUP BY psn_no, counter, period"
      ).all()
      var ledger: [String: Money] = [:]
      for row in sums {
        ledger["\(try row.string("psn_no")) \(try row.string("counter"))@\(try row.string("period"))"] = try row.money(
          "total")
      }
      var kept: [String: Money] = [:]
      for row in try await sql.raw("SELECT * FROM accumulators").all() {
        kept["\(try row.string("psn_no")) \(try row.string("counter"))@\(try row.string("period"))"] = try row.money(
          "total")
      }
      for key in Set(ledger.keys).union(kept.keys).sorted() where (ledger[key] ?? .zero) != (kept[key] ?? .zero) {
        problems.append("累计值 \(key)：台账合计 \(ledger[key] ?? .zero)，累计表 \(kept[key] ?? .zero)")
      }
      for (key, total) in ledger.sorted(by: { $0.key < $1.key }) where total < .zero && !key.contains(" account@") {
        problems.append("累计值 \(key) 为负数 \(total)")
      }
      // 2. Every settlement's figures agree with its fund lines, its lines and its ledger entries.
      let records = try await sql.raw("SELECT * FROM settlements ORDER BY CAST(setl_id AS BIGINT)").all()
      var entries: [String: [CounterKey: Money]] = [:]
      for row in try await sql.raw("SELECT setl_id, counter, period, delta FROM ledger").all() {
        let key = CounterKey(name: try row.string("counter"), period: try row.string("period"))
        entries[try row.string("setl_id"), default: [:]][key, default: .zero] += try row.money("delta")
      }
      var lineTotals: [String: Money] = [:]
      for row in try await sql.raw(
        """
        SELECT l.setl_id, CAST(SUM(f.det_item_fee_sumamt) AS BIGINT) AS total FROM settlement_lines l
        JOIN settlements s ON s.setl_id = l.setl_id
        JOIN fee_lines f ON f.mdtrt_id = s.mdtrt_id AND f.feedetl_sn = l.feedetl_sn GROUP BY l.setl_id
        """
      ).all() {
        lineTotals[try row.string("setl_id")] = try row.money("total")
      }
      var count = 0
      for row in records {
        count += 1
        let record = try await Store.record(from: row, sql)
        problems += Store.check(record, ledger: entries[record.id] ?? [:], lineTotal: lineTotals[record.id])
        if let original = record.cancels, !record.isReversed {
          let mirrored = (entries[original] ?? [:]).mapValues { -$0 }.filter { !$0.value.isZero }
          let own = (entries[record.id] ?? [:]).filter { !$0.value.isZero }
          if own != mirrored { problems.append("撤销\(record.id)的台账不是原结算\(original)的镜像") }
        }
      }
      return LedgerReport(settlements: count, counters: ledger.count, problems: problems)
    }
  }

  static func check(_ record: SettlementRecord, ledger: [CounterKey: Money], lineTotal: Money?) -> [String] {
    var problems: [String] = []
    let s = record.summary
    let id = record.id
    func fundSum(_ funds: Set<String>) -> Money {
      Money.sum(record.funds.filter { funds.contains($0.fund) }.map(\.amount))
    }
    if s.inScope != s.medicalFee - s.fullOwnPay - s.overLimit - s.preSelfPay {
      problems.append("结算\(id)：inscp_scp_amt \(s.inScope) ≠ 医疗费总额减各项自付")
    }
    if s.medicalFee != s.fundTotal + s.accountPay + s.cashPay {
      problems.append(
        "结算\(id)：medfee_sumamt \(s.medicalFee) ≠ 基金 \(s.fundTotal) + 账户 \(s.accountPay) + 现金 \(s.cashPay)")
    }
    let funds = Money.sum(record.funds.filter { $0.fund != "310200" }.map(\.amount))
    if funds != s.fundTotal { problems.append("结算\(id)：fund_pay_sumamt \(s.fundTotal) ≠ 基金明细合计 \(funds)") }
    if fundSum(["310200"]) != s.accountPay {
      problems.append("结算\(id)：acct_pay \(s.accountPay) ≠ 账户明细 \(fundSum(["310200"]))")
    }
    if fundSum(SettlementSummary.FundGroup.basic) != s.basicPay { problems.append("结算\(id)：hifp_pay 与基金明细不符") }
    if fundSum(SettlementSummary.FundGroup.criticalIllness) != s.criticalIllnessPay {
      problems.append("结算\(id)：hifmi_pay 与基金明细不符")
    }
    if fundSum(SettlementSummary.FundGroup.supplementary) != s.supplementaryPay {
      problems.append("结算\(id)：hifob_pay 与基金明细不符")
    }
    if fundSum(SettlementSummary.FundGroup.assistance) != s.assistancePay { problems.append("结算\(id)：maf_pay 与基金明细不符") }
    let accountMoved = ledger[.account] ?? .zero
    let expectedAccount = record.isReversed ? .zero : -s.accountPay
    if accountMoved != expectedAccount {
      problems.append("结算\(id)：个人账户台账 \(accountMoved) ≠ \(expectedAccount)")
    }
    if record.isReversed, ledger.values.contains(where: { !$0.isZero }) {
      problems.append("已冲正的结算\(id)台账未归零")
    }
    if record.cancels == nil, let lineTotal, lineTotal != s.medicalFee {
      problems.append("结算\(id)：费用明细合计 \(lineTotal) ≠ medfee_sumamt \(s.medicalFee)")
    }
    return problems
  }
}

/// What `verify` found.
public struct LedgerReport: Sendable {
  public let settlements: Int
  public let counters: Int
  public let problems: [String]
  public var isConsistent: Bool { problems.isEmpty }
}
