import Money
import Registry
import SQLKit
import Settlement

/// Reads for the query (52xx) and reconciliation (32xx) transactions.
extension Store {
  /// Settlements and cancellations not undone by 冲正, matching every given filter, oldest first.
  public func settlements(_ filter: SettlementFilter) async throws -> [SettlementRecord] {
    try await read { sql in
      var query: SQLQueryString = "SELECT * FROM settlements WHERE reversed = 0"
      if let value = filter.institutionCode { query = query + " AND fixmedins_code = \(bind: value)" }
      if let value = filter.personNumber { query = query + " AND psn_no = \(bind: value)" }
      if let value = filter.settlementID { query = query + " AND setl_id = \(bind: value)" }
      if let value = filter.visitID { query = query + " AND mdtrt_id = \(bind: value)" }
      if let value = filter.insuranceType { query = query + " AND insutype = \(bind: value)" }
      if let value = filter.clearingType { query = query + " AND clr_type = \(bind: value)" }
      if let value = filter.from { query = query + " AND setl_time >= \(bind: "\(value) 00:00:00")" }
      if let value = filter.to { query = query + " AND setl_time <= \(bind: "\(value) 23:59:59")" }
      var records: [SettlementRecord] = []
      for row in try await sql.raw(query + " ORDER BY CAST(setl_id AS BIGINT)").all() {
        records.append(try await Store.record(from: row, sql))
      }
      return records
    }
  }

  /// The fee lines a settlement settled (kept after a cancellation).
  public func feeLines(settlementID: String) async throws -> [StoredFeeLine] {
    try await read { sql in
      try await sql.raw(
        """
        SELECT f.*, (\(unsafeRaw: Store.holdingSettlement(of: "f"))) AS setl_id FROM fee_lines f
        JOIN settlements s ON s.mdtrt_id = f.mdtrt_id
        JOIN settlement_lines l ON l.setl_id = s.setl_id AND l.feedetl_sn = f.feedetl_sn
        WHERE s.setl_id = \(bind: settlementID) ORDER BY f.line_no
        """
      ).all().map(Store.feeLine(from:))
    }
  }
}

/// Which settlements a query asks for; nil = any.
public struct SettlementFilter: Sendable {
  public var institutionCode: String?
  public var personNumber: String?
  public var settlementID: String?
  public var visitID: String?
  public var insuranceType: String?
  public var clearingType: String?
  /// By settlement date (`setl_time`), inclusive.
  public var from: Day?
  public var to: Day?

  public init(
    institutionCode: String? = nil, personNumber: String? = nil, settlementID: String? = nil, visitID: String? = nil,
    insuranceType: String? = nil, clearingType: String? = nil, from: Day? = nil, to: Day? = nil
  ) {
    self.institutionCode = institutionCode
    self.personNumber = personNumber
    self.settlementID = settlementID
    self.visitID = visitID
    self.insuranceType = insuranceType
    self.clearingType = clearingType
    self.from = from
    self.to = to
  }
}
