import SQLKit

/// Idempotency: the answer given to each (institution, msgid), returned again on a repeat.
extension Store {
  /// The stored answer of an earlier message, if any. Which messages have an answer is known
  /// in memory (their keys are loaded at start), so a new message costs no read; the answer
  /// itself is read from the database on a repeat.
  public func storedAnswer(institutionCode: String, messageID: String) async throws -> StoredAnswer? {
    let key = institutionCode + "|" + messageID
    guard let transaction = answers.withLock({ $0[key] }) else { return nil }
    let response = try await database.read { sql in
      try await sql.raw(
        "SELECT response FROM messages WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)"
      ).first()?.string("response")
    }
    return response.map { StoredAnswer(transaction: transaction, response: Array($0.utf8)) }
  }

  func loadAnswers() async throws {
    let rows = try await database.read { sql in
      try await sql.raw("SELECT fixmedins_code, msgid, infno FROM messages").all().map { row in
        (try row.string("fixmedins_code") + "|" + row.string("msgid"), try row.string("infno"))
      }
    }
    answers.withLock { $0 = Dictionary(rows, uniquingKeysWith: { first, _ in first }) }
  }

  /// Drops the kept answer of a message undone by 冲正, so that it is not answered again.
  public func forgetAnswer(institutionCode: String, messageID: String) async throws {
    try await exclusive { sql in
      try await sql.raw(
        "DELETE FROM messages WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)"
      ).run()
    }
    answers.withLock { $0[institutionCode + "|" + messageID] = nil }
  }

  /// The settlement (or cancellation) a message made, found by its msgid.
  public func settlement(institutionCode: String, messageID: String) async throws -> SettlementRecord? {
    try await database.read { sql in
      guard
        let row = try await sql.raw(
          """
          SELECT * FROM settlements WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)
          ORDER BY reversed, CAST(setl_id AS BIGINT) DESC
          """
        ).first()
      else { return nil }
      return try await Store.record(from: row, sql)
    }
  }

  /// The visit a message registered (2201 / 2401), found by its msgid.
  public func visitID(institutionCode: String, messageID: String) async throws -> String? {
    try await database.read { sql in
      try await sql.raw(
        "SELECT mdtrt_id FROM visits WHERE fixmedins_code = \(bind: institutionCode) AND msgid = \(bind: messageID)"
      ).first()?.string("mdtrt_id")
    }
  }
}

/// An answer already given.
public struct StoredAnswer: Sendable {
  public let transaction: String
  public let response: [UInt8]
}
