import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Money
import Server
import Settlement
import Store
import Testing
import Workload

@testable import NationalInterface

/// Concurrency, idempotency and crash safety against a real server on loopback.
@Suite(.serialized) struct IntegrityTests {
  static let resident = Patient(
    number: "37040000000000000001", certificateNumber: "370402198503123681", insuranceType: "390")

  /// A real Hummingbird server over `center` on a free loopback port, for the test's duration.
  static func withServer<T: Sendable>(
    _ center: TestCenter, gateway: GatewayAuthentication? = nil,
    _ body: @Sendable (String, HTTPClient) async throws -> T
  ) async throws -> T {
    let interface = NationalInterface(store: center.store, engine: center.interface.engine, gateway: gateway)
    let port = Int.random(in: 20_000..<60_000)
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let app = InterfaceRoutes.application(interface: interface, host: "127.0.0.1", port: port, logger: logger)
    let server = Task { try await app.runService() }
    defer { server.cancel() }
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let url = "http://127.0.0.1:\(port)"
    for _ in 0..<100 {
      if (try? await http.execute(HTTPClientRequest(url: url + "/health"), timeout: .seconds(1)))?.status == .ok {
        break
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    do {
      let result = try await body(url, http)
      try await http.shutdown()
      return result
    } catch {
      try? await http.shutdown()
      throw error
    }
  }

  /// 16 visits of one resident settled at once. Each visit (VisitScript.outpatientItems, level 2, V2021):
  /// lines 182.40, 乙 lines 2 × 26.40 with 10 % pre-self-pay 2 × 2.64 → I = 177.12; §4.1 50 % → 88.56.
  /// The yearly cap 300 allows 88.56 + 88.56 + 88.56 + 34.32 (= 300.00), then 0: exactly what one
  /// after the other gives, whatever the arrival order, and never more than the cap.
  @Test func concurrentSettlementsOfOnePersonAreSerialized() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let paid = try await Self.withServer(center) { url, http in
      try await withThrowingTaskGroup(of: Money.self) { group in
        for index in 0..<16 {
          group.addTask {
            let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
            let outcome = try await VisitScript.outpatient(his, patient: Self.resident)
            #expect(outcome.settlement["setl_id"].text != nil, "visit \(index)")
            return try Money(yuan: outcome.settlement["hifp_pay"].text ?? "x")
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
    }
    #expect(Money.sum(paid) == Money(fen: 300_00))
    #expect(paid.sorted(by: >) == [8856, 8856, 8856, 3432].map(Money.init(fen:)) + Array(repeating: .zero, count: 12))
    // In settlement order, the figures are those of a sequential run.
    let records = try await center.store.settlements(SettlementFilter(personNumber: Self.resident.number))
    #expect(records.map(\.summary.basicPay.fen) == [8856, 8856, 8856, 3432] + Array(repeating: 0, count: 12))
    #expect(
      try await center.counters(Self.resident.number)[CounterKey(name: "outpatient", period: "2021")]
        == Money(fen: 300_00))
    let report = try await center.store.verify()
    #expect(report.isConsistent, "\(report.problems)")
  }

  /// Settlements and cancellations of one resident at once: the queued settlements race the
  /// cancellations, which run alone. Whatever the interleaving, replaying the stored records in
  /// setl_id order gives every figure: a settlement pays min(88.56, 300.00 − running total)
  /// (the visit of the test above: 50 % of 177.12, yearly cap 300), a cancellation gives its
  /// original's payment back.
  @Test func settlementsAndCancellationsOfOnePersonAtOnceReplayInOrder() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    try await Self.withServer(center) { url, http in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<12 {
          group.addTask {
            let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
            let outcome = try await VisitScript.outpatient(his, patient: Self.resident)
            guard index.isMultiple(of: 2), let id = outcome.settlement["setl_id"].text else { return }
            _ = try await his.call(
              "2208",
              [
                "data": [
                  "setl_id": .string(id), "mdtrt_id": .string(outcome.visitID), "psn_no": .string(Self.resident.number),
                ]
              ])
          }
        }
        try await group.waitForAll()
      }
    }
    let records = try await center.store.settlements(SettlementFilter(personNumber: Self.resident.number))
    #expect(records.count == 18, "12 settlements and 6 cancellations")
    var running: Int64 = 0
    var paid: [String: Int64] = [:]
    for record in records {
      if let original = record.cancels {
        let given = try #require(paid[original])
        #expect(record.summary.basicPay.fen == -given, "\(record.id) cancels \(original)")
        running -= given
      } else {
        let expected = min(88_56, 300_00 - running)
        #expect(record.summary.basicPay.fen == expected, "\(record.id) after \(running)")
        paid[record.id] = record.summary.basicPay.fen
        running += record.summary.basicPay.fen
      }
    }
    // Zero when every settlement left standing found the cap already filled by ones later
    // cancelled: `counters` leaves zero counters out.
    let counter = try await center.counters(Self.resident.number)[CounterKey(name: "outpatient", period: "2021")]
    #expect(counter ?? .zero == Money(fen: running), "counter \(String(describing: counter)), replayed \(running)")
    let report = try await center.store.verify()
    #expect(report.isConsistent, "\(report.problems)")
  }

  /// PostgreSQL drops the center's connections (a server restart, `pg_terminate_backend`):
  /// the next visit runs on new ones and settles, instead of failing until the process restarts.
  /// The script does not parse the answers it drops (1101, 2203, 2204) unless they are
  /// refusals: a refused upload still stops the visit with the center's own message.
  @Test func aRefusedUploadStopsTheScriptWithItsMessage() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let refusal = try await Self.withServer(center) { url, http in
      let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
      do {
        _ = try await VisitScript.outpatient(
          his, patient: Self.resident, lines: [ChargeItem("XX-NOT-IN-CATALOGUE", "9.80")])
        return nil as WorkloadError?
      } catch let error as WorkloadError {
        return error
      }
    }
    #expect(refusal?.transaction == "2204")
    #expect(refusal?.message.contains("XX-NOT-IN-CATALOGUE") == true, "\(String(describing: refusal))")
    #expect(try await center.store.settlements(SettlementFilter(personNumber: Self.resident.number)).isEmpty)
  }

  @Test(.enabled(if: TestCenter.postgres != nil), .timeLimit(.minutes(5)))
  func droppedPostgreSQLConnectionsAreReopened() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    try await Self.withServer(center) { url, http in
      let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
      _ = try await VisitScript.outpatient(his, patient: Self.resident)
      let server = try await Database.open(try #require(TestCenter.postgres))
      let name = String(center.path[center.path.index(after: center.path.lastIndex(of: "/")!)...])
      let dropped = try await server.write { sql in
        try await sql.raw(
          """
          SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = \(bind: name) AND pid <> pg_backend_pid()
          """
        ).all().count
      }
      try await server.close()
      #expect(dropped == 2, "the writer's and the reader's connections")
      let outcome = try await VisitScript.outpatient(his, patient: Self.resident)
      #expect(outcome.settlement["hifp_pay"].text == "88.56")
    }
    let records = try await center.store.settlements(SettlementFilter(personNumber: Self.resident.number))
    #expect(records.map(\.summary.basicPay.fen) == [8856, 8856])
    let report = try await center.store.verify()
    #expect(report.isConsistent, "\(report.problems)")
  }

  /// The connection drops inside a transaction: the transaction fails at once (its ROLLBACK
  /// too, on the closed connection, without waiting forever) and the next one runs on a new
  /// connection.
  @Test(.enabled(if: TestCenter.postgres != nil), .timeLimit(.minutes(5)))
  func aTransactionCutOffByADropFailsAndTheNextRuns() async throws {
    let database = try await Database.open(try #require(TestCenter.postgres))
    let killer = try await Database.open(try #require(TestCenter.postgres))
    let cutOff = await #expect(throws: StoreError.self) {
      try await database.transaction { sql in
        let pid = try #require(try await sql.raw("SELECT pg_backend_pid() AS pid").first()).decode(
          column: "pid", as: Int32.self)
        try await killer.write { try await $0.raw("SELECT pg_terminate_backend(\(bind: pid))").run() }
        try await Task.sleep(for: .milliseconds(200))
        try await sql.raw("SELECT 1").run()
      }
    }
    #expect(cutOff.map { "\($0)" }?.contains("连接已断开") == true)
    let one = try await database.transaction { sql in
      try #require(try await sql.raw("SELECT 1 AS one").first()).decode(column: "one", as: Int.self)
    }
    #expect(one == 1)
    try await killer.close()
    try await database.close()
  }

  /// A statement left unanswered past the limit (a half-open socket, a wedged server) closes
  /// its connection and fails instead of holding the writer for good; the next one reconnects.
  @Test(.enabled(if: TestCenter.postgres != nil), .timeLimit(.minutes(5)))
  func aStatementUnansweredPastTheLimitFailsAndTheNextRuns() async throws {
    let database = try await Database.open(try #require(TestCenter.postgres), statementLimit: .seconds(1))
    let started = ContinuousClock.now
    await #expect(throws: (any Error).self) {
      try await database.transaction { sql in try await sql.raw("SELECT pg_sleep(5)").run() }
    }
    #expect(ContinuousClock.now - started < .seconds(4), "failed at the limit, not after the sleep")
    let one = try await database.transaction { sql in
      try #require(try await sql.raw("SELECT 1 AS one").first()).decode(column: "one", as: Int.self)
    }
    #expect(one == 1)
    try await database.close()
  }

  /// A message repeated after a restart gets its original answer, whether its msgid is
  /// recent (its key is loaded into memory) or stamped years ago (looked up in the database).
  @Test func aRepeatAfterARestartGetsTheOriginalAnswerRecentOrOld() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let old = "H37040200002" + "20210510093000" + "0001"
    let (recent, answers) = try await Self.withServer(center) { url, http in
      let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
      let recent = his.nextMessageID()
      var answers: [String: JSONValue] = [:]
      for messageID in [recent, old] {
        answers[messageID] = try await his.exchange(
          "2201",
          ["data": ["psn_no": .string(Self.resident.number), "insutype": "390", "begntime": "2021-05-10 09:00:00"]],
          messageID: messageID)
        #expect(answers[messageID]?["infcode"] == .number("0"))
      }
      return (recent, answers)
    }
    let reopened = try await Store.open(center.path)
    for messageID in [recent, old] {
      let stored = try #require(try await reopened.storedAnswer(institutionCode: "H37040200002", messageID: messageID))
      #expect(stored.transaction == "2201")
      #expect(try JSONValue.parse(stored.response) == answers[messageID], "\(messageID)")
    }
    #expect(try await reopened.storedAnswer(institutionCode: "H37040200002", messageID: old + "9") == nil)
    try await reopened.close()
  }

  /// A double-click: the same 2207 (same msgid) sent four times at once settles once and
  /// every answer is the original one.
  @Test func aRepeatedMessageIsAnsweredOnceAndChangesNothing() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    try await Self.withServer(center) { url, http in
      let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
      let patient = Self.resident
      let registration = try await his.call(
        "2201", ["data": ["psn_no": .string(patient.number), "insutype": "390", "begntime": "2021-05-10 09:00:00"]])
      let visit = try #require(registration["data"]["mdtrt_id"].text)
      _ = try await his.call(
        "2204",
        [
          "feedetail": [
            [
              "feedetl_sn": "1", "mdtrt_id": .string(visit), "med_list_codg": "001110000010100", "pric": .number("10"),
              "cnt": .number("1"), "det_item_fee_sumamt": .number("10"),
            ]
          ]
        ])
      let messageID = his.nextMessageID()
      let settle: JSONValue = [
        "data": ["psn_no": .string(patient.number), "mdtrt_id": .string(visit), "insutype": "390"]
      ]
      let answers = try await withThrowingTaskGroup(of: JSONValue.self) { group in
        for _ in 0..<4 { group.addTask { try await his.exchange("2207", settle, messageID: messageID) } }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(Set(answers.map { $0["output"]["setlinfo"]["setl_id"].text ?? "" }).count == 1)
      #expect(answers.allSatisfy { $0 == answers[0] }, "every repeat gets the original answer")
      #expect(try await center.store.settlements(SettlementFilter(visitID: visit)).count == 1)
      let reused = try await his.exchange(
        "2208", ["data": ["setl_id": "1", "mdtrt_id": .string(visit)]], messageID: messageID)
      #expect(reused["infcode"] == .number("-1"))
      #expect(reused["err_msg"].text?.contains("msgid") == true)

      // 2601 冲正 of that 2207: as if it never happened; a second one is answered clearly.
      let reversal: JSONValue = [
        "data": ["psn_no": .string(patient.number), "omsgid": .string(messageID), "oinfno": "2207"]
      ]
      _ = try await his.call("2601", reversal)
      #expect(try await center.counters(patient.number).isEmpty)
      let again = try await his.exchange("2601", reversal)
      #expect(again["infcode"] == .number("-1"))
      #expect(again["err_msg"].text?.contains("已冲正") == true, "\(again["err_msg"])")
      let unknown = try await his.exchange(
        "2601",
        ["data": ["psn_no": .string(patient.number), "omsgid": "H3704020000220210510000000999", "oinfno": "2207"]])
      #expect(unknown["infcode"] == .number("-1"))
      // The freed lines settle again.
      let resettled = try await his.call("2207", settle)
      #expect(resettled["setlinfo"]["hifp_pay"] == .number("5.00"))
      let report = try await center.store.verify()
      #expect(report.isConsistent, "\(report.problems)")
    }
  }

  /// The gateway headers and sign_no are checked when authentication is on.
  @Test func authenticationRefusesBadSignaturesReplaysAndForeignSignIns() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    try await center.store.setSecret("s3cret-2", institutionCode: "H37040200002")
    try await center.store.setSecret("s3cret-1", institutionCode: "H37040200001")
    try await Self.withServer(center, gateway: GatewayAuthentication()) { url, http in
      let good = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: "s3cret-2")
      let before = try await good.exchange(
        "1101", ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "370402198503123681"]])
      #expect(before["err_msg"].text?.contains("sign_no") == true, "no 9001 yet: \(before["err_msg"])")
      try await good.signIn()
      _ = try await good.call("1101", ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "370402198503123681"]])
      let wrong = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: "guess")
      let refused = try await wrong.exchange("9001", ["signIn": [:]])
      #expect(refused["err_msg"].text?.contains("x-tif-signature") == true, "\(refused["err_msg"])")
      let unsigned = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
      #expect(try await unsigned.exchange("9001", ["signIn": [:]])["infcode"] == .number("-1"))
      // A sign_no of another institution is refused.
      let other = HISClient(http: http, baseURL: url, institution: "H37040200001", secret: "s3cret-1")
      try await other.signIn()
      good.adopt(signNumber: try #require(other.signNumber))
      let foreign = try await good.exchange(
        "1101", ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": "370402198503123681"]])
      #expect(foreign["infcode"] == .number("-1"))
      #expect(foreign["err_msg"].text?.contains("sign_no") == true, "\(foreign["err_msg"])")
    }
    // Replay and staleness, on the check itself.
    let gateway = GatewayAuthentication()
    let now = Date()
    let stamp = String(Int(now.timeIntervalSince1970))
    let headers = GatewayAuthentication.Headers(
      paasID: "H37040200002", timestamp: stamp, nonce: "n1",
      signature: GatewayAuthentication.signature(timestamp: stamp, secret: "k", nonce: "n1"))
    #expect(throws: Never.self) { try gateway.check(headers, institution: "H37040200002", secret: "k", now: now) }
    #expect(throws: InterfaceError.self) {
      try gateway.check(headers, institution: "H37040200002", secret: "k", now: now)
    }
    let old = String(Int(now.timeIntervalSince1970) - 3600)
    let stale = GatewayAuthentication.Headers(
      paasID: "H37040200002", timestamp: old, nonce: "n2",
      signature: GatewayAuthentication.signature(timestamp: old, secret: "k", nonce: "n2"))
    #expect(throws: InterfaceError.self) {
      try gateway.check(stale, institution: "H37040200002", secret: "k", now: now)
    }
    #expect(throws: InterfaceError.self) {
      try gateway.check(headers, institution: "H37040200001", secret: "k", now: now)
    }
  }
}
