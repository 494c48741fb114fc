import Money
import Registry
import SQLKit
import Settlement

/// Settlements, cancellations and the append-only ledger.
extension Store {
  /// The person's running totals: the sum of every ledger entry, by counter and period.
  public func accumulators(personNumber: String) async throws -> Accumulators {
    if UnitOfWork.current?.held == nil, let cached = live.withLock({ $0.accumulators[personNumber] }) { return cached }
    return try await read { sql in try await Store.accumulators(sql, personNumber: personNumber) }
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

  /// Computes and stores a settlement of `lines` of `visitID`: `compute` gets the person's
  /// accumulators and the new `setl_id`, and they change in the same step, so no two
  /// settlements of one person ever see the same state, settlement ids follow the order in
  /// which they were computed, and either everything is stored or nothing.
  ///
  /// `lines` are the stored lines the claim was built from: if any of them has changed since
  /// (settled by another cashier, withdrawn, uploaded again), nothing is settled. A pharmacy
  /// purchase (2102) has no registration: its `visit` and `lines` are inserted by the same step.
  public func settle(
    personNumber: String, visitID: String, inserting visit: Visit? = nil, lines: [StoredFeeLine],
    compute:
      @Sendable (Accumulators, _ settlementID: String) throws -> (
        record: SettlementRecord, changes: [AccumulatorChange], lines: [String]
      )
  ) async throws -> SettlementRecord {
    try await change(loading: [personNumber], visitLines: visit == nil ? [visitID] : []) { state in
      var current = visit == nil ? state.feeLines[visitID, default: []] : lines
      if visit == nil {
        let stored = Dictionary(current.map { ($0.serial, $0) }, uniquingKeysWith: { first, _ in first })
        guard lines.allSatisfy({ stored[$0.serial] == $0 }) else {
          throw StoreError.conflict("就诊\(visitID)的费用明细在结算时已变更（已被另一笔结算结算、撤回或重新上传），请重新结算")
        }
      }
      var totals = state.accumulators[personNumber] ?? Accumulators()
      let (record, changes, serials) = try compute(totals, nextSettlementID())
      let settling = Set(serials)
      for index in current.indices where settling.contains(current[index].serial) {
        current[index].settlementID = record.id
      }
      totals.apply(changes)
      state.accumulators[personNumber] = totals
      state.keep(current, of: visitID)
      var changed = WriteSet(
        settlements: [record],
        ledger: changes.map { LedgerRow(personNumber: personNumber, change: $0, settlementID: record.id) },
        settledLines: serials.map { (settlementID: record.id, serial: $0) })
      if let visit {
        state.visits[visit.id] = visit
        changed.visits = [(visit, nil)]
        changed.feeLines = current
      }
      return (record, changed)
    }
  }

  /// Cancels a settlement: stores the mirror, appends the mirror of every ledger entry it
  /// made and frees its fee lines. `build` makes the mirror from the original, the
  /// person's accumulators and the mirror's new `setl_id`, inside the transaction.
  public func cancel(
    settlementID: String,
    build: @Sendable (SettlementRecord, Accumulators, _ mirrorID: String) throws -> SettlementRecord
  ) async throws -> SettlementRecord {
    try await exclusive { sql in
      guard let original = try await Store.settlement(sql, id: settlementID) else {
        throw StoreError.notFound("结算ID“\(settlementID)”不存在")
      }
      let totals = try await Store.accumulators(sql, personNumber: original.personNumber)
      let mirror = try build(original, totals, nextSettlementID())
      let entries = try await Store.ledgerEntries(sql, settlementID: original.id)
      try await WriteSet(
        settlements: [mirror],
        ledger: entries.map {
          LedgerRow(personNumber: original.personNumber, change: $0.mirrored, settlementID: mirror.id)
        }
      ).write(sql)
      // Its lines are free again once it is marked cancelled.
      try await sql.raw("UPDATE settlements SET cancelled_by = \(bind: mirror.id) WHERE setl_id = \(bind: original.id)")
        .run()
      return mirror
    }
  }

  public func settlement(id: String) async throws -> SettlementRecord? {
    try await read { sql in try await Store.settlement(sql, id: id) }
  }

  /// The settlements of a visit, oldest first (cancellations included).
  public func settlements(visitID: String) async throws -> [SettlementRecord] {
    try await read { sql in
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
    try await read { sql in try await Store.ledgerEntries(sql, settlementID: settlementID) }
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
}

/// A store operation that found nothing to act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
  case notFound(String)
  /// The state no longer allows it (already undone, lines settled again …).
  case conflict(String)
  /// The database cannot be reached right now; nothing was stored, a retry may succeed.
  case unavailable(String)
  public var description: String {
    switch self {
    case .notFound(let message), .conflict(let message), .unavailable(let message): message
    }
  }
}
