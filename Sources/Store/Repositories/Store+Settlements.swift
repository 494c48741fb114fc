import Money
import Registry
import SQLKit
import Settlement

/// Settlements, cancellations and the append-only ledger.
extension Store {
  /// The person's running totals: the sum of every ledger entry, by counter and period.
  public func accumulators(personNumber: String) async throws -> Accumulators {
    try await database.read { sql in try await Store.accumulators(sql, personNumber: personNumber) }
  }

  static func accumulators(_ sql: any SQLDatabase, personNumber: String) async throws -> Accumulators {
    let rows = try await sql.raw(
      "SELECT counter, period, total FROM accumulators WHERE psn_no = \(bind: personNumber) AND total <> 0"
    ).all()
    var values: [CounterKey: Money] = [:]
    for row in rows {
      values[CounterKey(name: try row.string("counter"), period: try row.string("period"))] = try row.money("total")
    }
    return Accumulators(values)
  }

  /// Computes and stores a settlement in one transaction: `compute` reads the person's
  /// accumulators as they are inside the transaction, so no two settlements of one
  /// person ever see the same state, and either everything is stored or nothing.
  ///
  /// A pharmacy purchase (2102) has no registration: its visit and lines are inserted by
  /// the same transaction (`visit`, `newLines`).
  public func settle(
    personNumber: String, inserting visit: Visit? = nil, newLines: [StoredFeeLine] = [],
    compute:
      @Sendable (Accumulators) throws -> (record: SettlementRecord, changes: [AccumulatorChange], lines: [String])
  ) async throws -> SettlementRecord {
    try await database.transaction { sql in
      if let visit { try await Store.insert(visit, messageID: nil, sql) }
      try await Store.insert(newLines, sql)
      let totals = try await Store.accumulators(sql, personNumber: personNumber)
      let (record, changes, lines) = try compute(totals)
      // Two cashiers settling the same lines at once: the second finds them taken.
      if !lines.isEmpty, visit == nil {
        let taken = try await sql.raw(
          """
          SELECT COUNT(*) AS n FROM fee_lines
          WHERE mdtrt_id = \(bind: record.visitID) AND feedetl_sn IN (\(binds: lines)) AND setl_id IS NOT NULL
          """
        ).first()?.int("n")
        guard taken == 0 else { throw StoreError.conflict("就诊\(record.visitID)的费用明细已被另一笔结算结算") }
      }
      try await Store.insert(record, sql)
      try await Store.append(changes, personNumber: personNumber, settlementID: record.id, sql)
      if !lines.isEmpty {
        try await sql.raw(
          "INSERT INTO settlement_lines (setl_id, feedetl_sn) VALUES \(Store.rows(lines.map { [record.id, $0] }))"
        ).run()
        try await sql.raw(
          "UPDATE fee_lines SET setl_id = \(bind: record.id) WHERE mdtrt_id = \(bind: record.visitID) AND feedetl_sn IN (\(binds: lines))"
        ).run()
      }
      return record
    }
  }

  /// Cancels a settlement: stores the mirror, appends the mirror of every ledger entry it
  /// made and frees its fee lines. `build` makes the mirror from the original and the
  /// person's accumulators inside the transaction.
  public func cancel(
    settlementID: String, build: @Sendable (SettlementRecord, Accumulators) throws -> SettlementRecord
  ) async throws -> SettlementRecord {
    try await database.transaction { sql in
      guard let original = try await Store.settlement(sql, id: settlementID) else {
        throw StoreError.notFound("结算ID“\(settlementID)”不存在")
      }
      let totals = try await Store.accumulators(sql, personNumber: original.personNumber)
      let mirror = try build(original, totals)
      try await Store.insert(mirror, sql)
      let entries = try await Store.ledgerEntries(sql, settlementID: original.id)
      try await Store.append(entries.map(\.mirrored), personNumber: original.personNumber, settlementID: mirror.id, sql)
      try await sql.raw("UPDATE settlements SET cancelled_by = \(bind: mirror.id) WHERE setl_id = \(bind: original.id)")
        .run()
      try await sql.raw("UPDATE fee_lines SET setl_id = NULL WHERE setl_id = \(bind: original.id)").run()
      return mirror
    }
  }

  public func settlement(id: String) async throws -> SettlementRecord? {
    try await database.read { sql in try await Store.settlement(sql, id: id) }
  }

  /// The settlements of a visit, oldest first (cancellations included).
  public func settlements(visitID: String) async throws -> [SettlementRecord] {
    try await database.read { sql in
      var records: [SettlementRecord] = []
      for row in try await sql.raw(
        "SELECT * FROM settlements WHERE mdtrt_id = \(bind: visitID) ORDER BY CAST(setl_id AS BIGINT)"
      ).all() {
        records.append(try await Store.record(from: row, sql))
      }
      return records
    }
  }

  /// The ledger entries a settlement appended.
  public func ledgerEntries(settlementID: String) async throws -> [AccumulatorChange] {
    try await database.read { sql in try await Store.ledgerEntries(sql, settlementID: settlementID) }
  }

  static func ledgerEntries(_ sql: any SQLDatabase, settlementID: String) async throws -> [AccumulatorChange] {
    try await sql.raw("SELECT * FROM ledger WHERE setl_id = \(bind: settlementID) ORDER BY entry_id").all().map { row in
      AccumulatorChange(
        key: CounterKey(name: try row.string("counter"), period: try row.string("period")),
        delta: try row.money("delta"))
    }
  }

  static func settlement(_ sql: any SQLDatabase, id: String) async throws -> SettlementRecord? {
    guard let row = try await sql.raw("SELECT * FROM settlements WHERE setl_id = \(bind: id)").first() else {
      return nil
    }
    return try await record(from: row, sql)
  }

  static func record(from row: any SQLRow, _ sql: any SQLDatabase) async throws -> SettlementRecord {
    let id = try row.string("setl_id")
    let funds = try await sql.raw("SELECT * FROM settlement_funds WHERE setl_id = \(bind: id) ORDER BY seq").all().map {
      fund in
      FundPayment(
        fund: try fund.string("fund_pay_type"), name: try fund.string("fund_pay_type_name"),
        base: try fund.money("inscp_scp_amt"), amount: try fund.money("fund_payamt"),
        limitLeft: try fund.optionalMoney("crt_payb_lmt_amt"), explanation: try fund.string("setl_proc_info"))
    }
    let summary = SettlementSummary(
      medicalFee: try row.money("medfee_sumamt"), fullOwnPay: try row.money("fulamt_ownpay_amt"),
      overLimit: try row.money("overlmt_selfpay"), preSelfPay: try row.money("preselfpay_amt"),
      inScope: try row.money("inscp_scp_amt"), deductible: try row.money("act_pay_dedc"),
      basicRatio: try Ratio(try row.string("pool_prop_selfpay")), basicPay: try row.money("hifp_pay"),
      criticalIllnessPay: try row.money("hifmi_pay"), supplementaryPay: try row.money("hifob_pay"),
      assistancePay: try row.money("maf_pay"), fundTotal: try row.money("fund_pay_sumamt"),
      accountPay: try row.money("acct_pay"), cashPay: try row.money("psn_cash_pay"),
      funds: Dictionary(funds.map { ($0.fund, $0.amount) }, uniquingKeysWith: +))
    var record = SettlementRecord(
      id: id, visitID: try row.string("mdtrt_id"), personNumber: try row.string("psn_no"),
      institutionCode: try row.string("fixmedins_code"), insuranceType: try row.string("insutype"),
      medicalType: try row.string("med_type"), clearingType: try row.string("clr_type"),
      settledAt: try row.string("setl_time"), serviceDate: try row.string("service_date"),
      versionID: try row.string("version"), regimeID: try row.string("regime"), summary: summary,
      accountBalance: try row.money("balc"), messageID: try row.optionalString("msgid"),
      cancels: try row.optionalString("cancels_setl_id"), cancelledBy: try row.optionalString("cancelled_by"),
      funds: funds)
    record.isReversed = try row.int("reversed") == 1
    return record
  }

  static func insert(_ record: SettlementRecord, _ sql: any SQLDatabase) async throws {
    let s = record.summary
    try await sql.raw(
      """
      INSERT INTO settlements (setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, clr_type, setl_time,
        service_date, version, regime, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt,
        inscp_scp_amt, act_pay_dedc, pool_prop_selfpay, hifp_pay, hifmi_pay, hifob_pay, maf_pay, fund_pay_sumamt,
        acct_pay, psn_cash_pay, balc, msgid, cancels_setl_id, cancelled_by)
      VALUES (\(bind: record.id), \(bind: record.visitID), \(bind: record.personNumber), \(bind: record.institutionCode),
        \(bind: record.insuranceType), \(bind: record.medicalType), \(bind: record.clearingType),
        \(bind: record.settledAt), \(bind: record.serviceDate), \(bind: record.versionID), \(bind: record.regimeID),
        \(bind: s.medicalFee.fen), \(bind: s.fullOwnPay.fen), \(bind: s.overLimit.fen), \(bind: s.preSelfPay.fen),
        \(bind: s.inScope.fen), \(bind: s.deductible.fen), \(bind: s.basicRatio.fourDecimals), \(bind: s.basicPay.fen),
        \(bind: s.criticalIllnessPay.fen), \(bind: s.supplementaryPay.fen), \(bind: s.assistancePay.fen),
        \(bind: s.fundTotal.fen), \(bind: s.accountPay.fen), \(bind: s.cashPay.fen), \(bind: record.accountBalance.fen),
        \(bind: record.messageID), \(bind: record.cancels), \(bind: record.cancelledBy))
      """
    ).run()
    for (index, fund) in record.funds.enumerated() {
      try await sql.raw(
        """
        INSERT INTO settlement_funds (setl_id, seq, fund_pay_type, fund_pay_type_name, inscp_scp_amt, fund_payamt,
          crt_payb_lmt_amt, setl_proc_info)
        VALUES (\(bind: record.id), \(bind: index), \(bind: fund.fund), \(bind: fund.name), \(bind: fund.base.fen),
          \(bind: fund.amount.fen), \(bind: fund.limitLeft?.fen), \(bind: fund.explanation))
        """
      ).run()
    }
  }

  /// Appends ledger entries and moves the running totals with them, in the caller's transaction.
  static func append(
    _ changes: [AccumulatorChange], personNumber: String, settlementID: String, _ sql: any SQLDatabase
  ) async throws {
    let changes = changes.filter { !$0.delta.isZero }
    guard !changes.isEmpty else { return }
    let entries = changes.map {
      [personNumber, $0.key.name, $0.key.period, $0.delta.fen, settlementID] as [any Encodable & Sendable]
    }
    try await sql.raw("INSERT INTO ledger (psn_no, counter, period, delta, setl_id) VALUES \(rows(entries))").run()
    // One change per counter: a settlement never moves the same counter twice.
    var totals: [CounterKey: Money] = [:]
    for change in changes { totals[change.key, default: .zero] += change.delta }
    let upserts = totals.sorted { $0.key < $1.key }.map {
      [personNumber, $0.key.name, $0.key.period, $0.value.fen] as [any Encodable & Sendable]
    }
    try await sql.raw(
      """
      INSERT INTO accumulators (psn_no, counter, period, total) VALUES \(rows(upserts))
      ON CONFLICT (psn_no, counter, period) DO UPDATE SET total = accumulators.total + excluded.total
      """
    ).run()
  }
}

/// A store operation that found nothing to act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
  case notFound(String)
  /// The state no longer allows it (already undone, lines settled again …).
  case conflict(String)
  public var description: String {
    switch self {
    case .notFound(let message), .conflict(let message): message
    }
  }
}
