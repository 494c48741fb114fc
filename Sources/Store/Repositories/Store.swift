import Foundation
import Money
import Registry
import SQLKit
import Synchronization

/// The settlement center's storage: reference data, visits, fee lines, settlements and
/// the append-only ledger, over one ``Database``.
///
/// Institutions and the catalogue are read from memory (reloaded after each import), and
/// so are the accumulators, visits and fee lines in use (``LiveState``); changes to those are
/// committed in batches (``change(loading:visitLines:_:)``). Everything else is read from
/// the database.
///
/// ```swift
/// let store = try await Store.open("yibao.sqlite")   // migrates
/// let hospital = store.institution(code: "H37040200001")
/// ```
public final class Store: Sendable {
  public let database: Database
  let references = Mutex(ReferenceSnapshot())
  let sequences = Mutex(Sequences())
  /// Persons as last read, by psn_no and by certno; dropped by any person import.
  let persons = Mutex(PersonCache())
  /// Accumulators, visits and fee lines in use, with the group-commit queue.
  let live = Mutex(LiveState())
  /// One exclusive operation at a time.
  let exclusiveLock = AsyncLock()
  /// Which recent messages have a kept answer, by "institution|msgid" (the answers stay in the database).
  let answers = Mutex(AnswerIndex())

  init(database: Database) { self.database = database }

  /// Opens (creating if needed) and migrates the store, then loads its caches.
  public static func open(_ location: String) async throws -> Store {
    let database = try await Database.open(location)
    try await Migrations.apply(to: database)
    // Past the migrations, the writer's statements are short batches: one unanswered for two
    // minutes means a dead connection.
    database.limitWriterStatements(to: .seconds(120))
    let store = Store(database: database)
    try await store.reloadReferences()
    try await store.loadSequences()
    try await store.loadAnswers()
    return store
  }

  public func close() async throws { try await database.close() }
}

/// Institutions and catalogue items held in memory.
struct ReferenceSnapshot: Sendable {
  var institutions: [String: Institution] = [:]
  /// Versions of an item, by begin date.
  var catalog: [String: [CatalogItem]] = [:]
  /// The gateway secret of each institution that has one.
  var secrets: [String: String] = [:]
  /// `sign_no`s issued by 9001, with their institution.
  var signIns: [String: String] = [:]
}

/// Persons read from the database, kept until the next import of person data.
struct PersonCache: Sendable {
  var byNumber: [String: Person] = [:]
  var numberByCertificate: [String: String] = [:]

  mutating func keep(_ person: Person) {
    byNumber[person.number] = person
    numberByCertificate[person.certificateNumber] = person.number
  }
}

/// The last identifiers handed out.
struct Sequences: Sendable {
  var visit: Int64 = 300_000_000
  var settlement: Int64 = 400_000_000
  var signIn: Int64 = 0
}

extension Store {
  /// A new `mdtrt_id`.
  public func nextVisitID() -> String {
    sequences.withLock {
      $0.visit += 1; return String($0.visit)
    }
  }

  /// A new `setl_id`.
  public func nextSettlementID() -> String {
    sequences.withLock {
      $0.settlement += 1; return String($0.settlement)
    }
  }

  /// The next upload order number of a fee line.
  static let lineNumbers = Mutex<Int64>(0)

  static func nextLineNumber() -> Int64 {
    lineNumbers.withLock {
      $0 += 1; return $0
    }
  }

  /// A new `sign_no`.
  public func nextSignInNumber() -> String {
    sequences.withLock {
      $0.signIn += 1; return String($0.signIn)
    }
  }

  func loadSequences() async throws {
    let (visit, settlement, signIn) = try await read { sql in
      let visit = try await sql.raw("SELECT MAX(CAST(mdtrt_id AS BIGINT)) AS m FROM visits").first()
      let settlement = try await sql.raw("SELECT MAX(CAST(setl_id AS BIGINT)) AS m FROM settlements").first()
      let signIn = try await sql.raw("SELECT COUNT(*) AS m FROM sign_ins").first()
      let line = try await sql.raw("SELECT MAX(line_no) AS m FROM fee_lines").first()
      if let last = try line?.decode(column: "m", as: Int64?.self) {
        Store.lineNumbers.withLock { $0 = max($0, last) }
      }
      return (
        try visit?.decode(column: "m", as: Int64?.self), try settlement?.decode(column: "m", as: Int64?.self),
        try signIn?.decode(column: "m", as: Int64?.self)
      )
    }
    sequences.withLock { state in
      if let visit { state.visit = max(state.visit, visit) }
      if let settlement { state.settlement = max(state.settlement, settlement) }
      if let signIn { state.signIn = signIn }
    }
  }
}

extension SQLRow {
  func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
  func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
  func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
  func money(_ column: String) throws -> Money { Money(fen: try decode(column: column, as: Int64.self)) }
  func optionalMoney(_ column: String) throws -> Money? {
    try decode(column: column, as: Int64?.self).map(Money.init(fen:))
  }
  func day(_ column: String) throws -> Day { try Day(try string(column)) }
  func optionalDay(_ column: String) throws -> Day? { try optionalString(column).map { try Day($0) } }
}
