import Money
import SQLKit
import Settlement

/// What one operation changes, as rows. The group commit writes the rows of a whole batch
/// of operations with one multi-row statement per table.
struct WriteSet: Sendable {
  /// Registered or updated visits, with the `msgid` of the registration.
  var visits: [(visit: Visit, messageID: String?)] = []
  var feeLines: [StoredFeeLine] = []
  var settlements: [SettlementRecord] = []
  var ledger: [LedgerRow] = []
  /// Which fee lines each settlement settles (the lines themselves are not written again).
  var settledLines: [(settlementID: String, serial: String)] = []
  var answers: [AnswerRow] = []

  mutating func append(_ other: WriteSet) {
    visits += other.visits
    feeLines += other.feeLines
    settlements += other.settlements
    ledger += other.ledger
    settledLines += other.settledLines
    answers += other.answers
  }
}

/// One ledger entry (台账) of a settlement.
struct LedgerRow: Sendable {
  let personNumber: String
  let change: AccumulatorChange
  let settlementID: String
}

/// The answer given to a message, kept for idempotency.
public struct AnswerRow: Sendable {
  public let institutionCode: String
  public let messageID: String
  public let transaction: String
  public let response: [UInt8]

  public init(institutionCode: String, messageID: String, transaction: String, response: [UInt8]) {
    self.institutionCode = institutionCode
    self.messageID = messageID
    self.transaction = transaction
    self.response = response
  }

  var key: String { institutionCode + "|" + messageID }
}

extension WriteSet {
  /// Writes the rows in the caller's transaction, parents before children: visits, fee
  /// lines, settlements and their funds, settled lines, the ledger with its running totals,
  /// answers.
  func write(_ sql: any SQLDatabase) async throws {
    var statements = BatchStatements(sql)
    // A visit registered and updated in the same batch is written once, as last seen.
    var visitOrder: [String] = []
    var latestVisits: [String: (visit: Visit, messageID: String?)] = [:]
    for (visit, messageID) in visits {
      if let earlier = latestVisits[visit.id] {
        latestVisits[visit.id] = (visit, earlier.messageID ?? messageID)
      } else {
        visitOrder.append(visit.id)
        latestVisits[visit.id] = (visit, messageID)
      }
    }
    statements.insert(
      into: "visits",
      columns: "mdtrt_id, psn_no, insutype, fixmedins_code, kind, med_type, begntime, endtime, dise_codg, "
        + "dise_name, matn_type, ipt_otp_no, status, msgid",
      rows: visitOrder.compactMap { latestVisits[$0] }.map { visit, messageID in
        [
          visit.id, visit.personNumber, visit.insuranceType, visit.institutionCode, visit.kind.rawValue,
          visit.medicalType, visit.begin, visit.end, visit.diseaseCode, visit.diseaseName, visit.maternityType,
          visit.number, visit.status.rawValue, messageID,
        ]
      },
      then: """
         ON CONFLICT (mdtrt_id) DO UPDATE SET insutype = excluded.insutype, med_type = excluded.med_type,
          begntime = excluded.begntime, endtime = excluded.endtime, dise_codg = excluded.dise_codg,
          dise_name = excluded.dise_name, matn_type = excluded.matn_type, ipt_otp_no = excluded.ipt_otp_no,
          status = excluded.status
        """)
    statements.insert(
      into: "fee_lines", columns: Self.feeLineColumns,
      rows: feeLines.map { Self.row($0, lineNumber: Store.nextLineNumber()) })
    statements.insert(
      into: "settlements",
      columns: "setl_id, mdtrt_id, psn_no, fixmedins_code, insutype, med_type, clr_type, setl_time, service_date, "
        + "version, regime, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, "
        + "act_pay_dedc, pool_prop_selfpay, hifp_pay, hifmi_pay, hifob_pay, maf_pay, fund_pay_sumamt, acct_pay, "
        + "psn_cash_pay, balc, msgid, cancels_setl_id, cancelled_by",
      rows: settlements.map { record in
        let s = record.summary
        return [
          record.id, record.visitID, record.personNumber, record.institutionCode, record.insuranceType,
          record.medicalType, record.clearingType, record.settledAt, record.serviceDate, record.versionID,
          record.regimeID, s.medicalFee.fen, s.fullOwnPay.fen, s.overLimit.fen, s.preSelfPay.fen, s.inScope.fen,
          s.deductible.fen, s.basicRatio.fourDecimals, s.basicPay.fen, s.criticalIllnessPay.fen,
          s.supplementaryPay.fen, s.assistancePay.fen, s.fundTotal.fen, s.accountPay.fen, s.cashPay.fen,
          record.accountBalance.fen, record.messageID, record.cancels, record.cancelledBy,
        ]
      })
    statements.insert(
      into: "settlement_funds",
      columns: "setl_id, seq, fund_pay_type, fund_pay_type_name, inscp_scp_amt, fund_payamt, crt_payb_lmt_amt, "
        + "setl_proc_info",
      rows: settlements.flatMap { record in
        record.funds.enumerated().map { index, fund in
          [
            record.id, index, fund.fund, fund.name, fund.base.fen, fund.amount.fen, fund.limitLeft?.fen,
            fund.explanation,
          ]
        }
      })
    statements.insert(
      into: "settlement_lines", columns: "setl_id, feedetl_sn",
      rows: settledLines.map { [$0.settlementID, $0.serial] })
    let ledger = ledger.filter { !$0.change.delta.isZero }
    statements.insert(
      into: "ledger", columns: "psn_no, counter, period, delta, setl_id",
      rows: ledger.map {
        [$0.personNumber, $0.change.key.name, $0.change.key.period, $0.change.delta.fen, $0.settlementID]
      })
    // The running totals move once per counter and batch: PostgreSQL refuses to upsert a row twice in one statement.
    var totals: [RunningTotalKey: Money] = [:]
    for row in ledger {
      totals[RunningTotalKey(personNumber: row.personNumber, key: row.change.key), default: .zero] += row.change.delta
    }
    statements.insert(
      into: "accumulators", columns: "psn_no, counter, period, total",
      rows: totals.sorted { $0.key < $1.key }.map {
        [$0.key.personNumber, $0.key.key.name, $0.key.key.period, $0.value.fen]
      },
      then: " ON CONFLICT (psn_no, counter, period) DO UPDATE SET total = accumulators.total + excluded.total")
    statements.insert(
      into: "messages", columns: "fixmedins_code, msgid, infno, infcode, response",
      rows: answers.map {
        [$0.institutionCode, $0.messageID, $0.transaction, 0, String(decoding: $0.response, as: UTF8.self)]
      },
      then: " ON CONFLICT (fixmedins_code, msgid) DO NOTHING")
    try await statements.finish()
  }

  static let feeLineColumns =
    "mdtrt_id, feedetl_sn, chrg_bchno, med_list_codg, medins_list_codg, pric, cnt, det_item_fee_sumamt, "
    + "fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt, selfpay_prop, init_feedetl_sn, fee_ocur_time, "
    + "line_no"

  static func row(_ line: StoredFeeLine, lineNumber: Int64) -> [any RowValueConvertible] {
    [
      line.visitID, line.serial, line.batch, line.itemCode, line.institutionItemCode, line.price.description,
      line.count.description, line.amount.fen, line.fullOwnPay.fen, line.overLimit.fen, line.preSelfPay.fen,
      line.inScope.fen, line.selfPayRatio.fourDecimals, line.refundOf, line.occurredAt, lineNumber,
    ]
  }

  /// Slices of at most 30,000 bound values: under SQLite's 32,766 and PostgreSQL's 65,535.
  static func chunks<T>(_ rows: [T], columns: Int) -> [ArraySlice<T>] {
    let size = max(1, 30_000 / max(1, columns))
    return stride(from: 0, to: rows.count, by: size).map { rows[$0..<min($0 + size, rows.count)] }
  }
}

/// A person's counter, the key of the `accumulators` table.
struct RunningTotalKey: Hashable, Comparable {
  let personNumber: String
  let key: CounterKey

  static func < (a: RunningTotalKey, b: RunningTotalKey) -> Bool { (a.personNumber, a.key) < (b.personNumber, b.key) }
}

/// The statements of a batch, gathered, then run one after the other on the caller's
/// connection; the first failure stops them (the caller's transaction is then rolled back).
/// They are not sent ahead: SQLite rolls a transaction back by itself on some errors, and a
/// statement sent behind the failed one would then commit on its own.
struct BatchStatements {
  private let sql: any SQLDatabase
  private var queries: [SQLQueryString] = []

  init(_ sql: any SQLDatabase) { self.sql = sql }

  mutating func send(_ query: SQLQueryString) { queries.append(query) }

  /// `INSERT INTO table (columns) VALUES (…), (…) then`, in as few statements as the bind limit allows.
  mutating func insert(
    into table: String, columns: String, rows: [[any RowValueConvertible]], then suffix: String = ""
  ) {
    guard let width = rows.first?.count else { return }
    for chunk in WriteSet.chunks(rows, columns: width) {
      send(
        "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns)) VALUES \(RowValues(chunk))\(unsafeRaw: suffix)"
      )
    }
  }

  func finish() async throws {
    for query in queries { try await sql.raw(query).run() }
  }
}
