import SQLKit
import Testing

@testable import Store

/// The rows of the group commit's multi-row statements: numbers written as literals, NULL
/// as NULL, text bound, on SQLite and (with `YIBAO_TEST_POSTGRES`) on PostgreSQL.
struct RowValuesTests {
  static let rows: [[any RowValueConvertible]] = [
    ["O'Brien'); DROP TABLE visits; --", Int64(1250), nil as String?],
    ["白术 9.80", -3, Optional("0.5000")],
    ["", Int64.max, nil as Int64?],
  ]

  @Test func numbersAndNullsAreWrittenTextIsBound() async throws {
    let center = try await TestCenter.make()
    let (text, binds) = try await center.store.database.read { sql in
      let (text, binds) = sql.serialize(RowValues(Self.rows))
      return (text, binds.map { $0 as? String })
    }
    let sign = center.store.database.kind == .sqlite ? "?" : "$"
    let placeholders = (1...4).map { sign + String($0) }
    #expect(
      text
        == "(\(placeholders[0]), 1250, NULL), (\(placeholders[1]), -3, \(placeholders[2])), "
        + "(\(placeholders[3]), 9223372036854775807, NULL)")
    #expect(binds == ["O'Brien'); DROP TABLE visits; --", "白术 9.80", "0.5000", ""])
    try await center.close()
  }

  @Test func whatIsWrittenReadsBackAsItWas() async throws {
    let center = try await TestCenter.make()
    let read = try await center.store.database.transaction { sql -> [[String?]] in
      try await sql.raw("CREATE TABLE row_values_probe (name TEXT NOT NULL, amount BIGINT NOT NULL, note TEXT)").run()
      try await sql.raw("INSERT INTO row_values_probe (name, amount, note) VALUES \(RowValues(Self.rows))").run()
      return try await sql.raw("SELECT name, amount, note FROM row_values_probe ORDER BY amount").all().map { row in
        [
          try row.decode(column: "name", as: String.self), String(try row.decode(column: "amount", as: Int64.self)),
          try row.decode(column: "note", as: String?.self),
        ]
      }
    }
    #expect(
      read == [
        ["白术 9.80", "-3", "0.5000"], ["O'Brien'); DROP TABLE visits; --", "1250", nil],
        ["", "9223372036854775807", nil],
      ])
    #expect(try await center.store.institutionCodes().isEmpty == false, "visits and the rest are untouched")
    try await center.close()
  }
}
