import AsyncHTTPClient
import Foundation
import Money
import NationalInterface
import Settlement
import Store
import Synchronization
import Testing
import Workload

/// Crash safety: the real `yibao serve` process is killed (SIGKILL) while clients settle and
/// cancel; after the restart every answered settlement and cancellation is in the ledger as
/// answered, with its answer kept, nothing is half-written, and settling goes on.
@Suite(.serialized) struct CrashTests {
  static let patients = [
    Patient(number: "37040000000000000001", certificateNumber: "370402198503123681", insuranceType: "390"),
    Patient(number: "37040000000000000002", certificateNumber: "370481195007012191", insuranceType: "390"),
    Patient(number: "37040000000000000003", certificateNumber: "370403198005209753", insuranceType: "310"),
    Patient(number: "37040000000000000004", certificateNumber: "37040619550115585X", insuranceType: "310"),
    Patient(number: "37040000000000000007", certificateNumber: "370481200204049472", insuranceType: "390"),
    Patient(number: "37040000000000000008", certificateNumber: "370481196010101253", insuranceType: "390"),
  ]

  /// The `yibao` executable built beside the test bundle.
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("yibao")
  }

  static func start(database: String, port: Int) throws -> Process {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["serve", "--db", database, "--port", String(port), "--no-auth"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  static func waitUntilUp(_ http: HTTPClient, _ url: String) async throws {
    for _ in 0..<200 {
      if (try? await http.execute(HTTPClientRequest(url: url + "/health"), timeout: .seconds(1)))?.status == .ok {
        return
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw WorkloadError("health", "the server did not start")
  }

  @Test func aKilledServerRestartsWithEveryAnsweredSettlement() async throws {
    guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
      Issue.record("the yibao executable is not built at \(Self.binary.path)")
      return
    }
    let center = try await TestCenter.make()
    try await center.store.close()
    let port = Int.random(in: 20_000..<60_000)
    let url = "http://127.0.0.1:\(port)"
    let http = HTTPClient.shared
    let server = try Self.start(database: center.path, port: port)
    try await Self.waitUntilUp(http, url)

    // Clients settle until the server dies under them; each keeps what it was told.
    let answered = Answered()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (index, patient) in Self.patients.enumerated() {
        group.addTask {
          let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
          while true {
            guard let outcome = try? await VisitScript.outpatient(his, patient: patient, useAccount: index % 2 == 0)
            else { return }
            answered.keep(outcome.settlement)
            // Half the clients cancel what they settled (2208 runs alone, in a held transaction).
            guard index < 3, let id = outcome.settlement["setl_id"].text else { continue }
            let messageID = his.nextMessageID()
            let input: JSONValue = [
              "data": ["setl_id": .string(id), "mdtrt_id": .string(outcome.visitID), "psn_no": .string(patient.number)]
            ]
            guard let output = try? await his.call("2208", input, messageID: messageID) else { return }
            answered.keep(Cancellation(messageID: messageID, original: id, output: output))
          }
        }
      }
      group.addTask {
        // Kill it mid-stream: once a dozen visits have been answered (or after 30 s).
        let deadline = ContinuousClock.now + .seconds(30)
        while answered.settlements.count < 12, ContinuousClock.now < deadline {
          try await Task.sleep(for: .milliseconds(20))
        }
        kill(server.processIdentifier, SIGKILL)
      }
      try await group.waitForAll()
    }
    server.waitUntilExit()
    let told = answered.settlements
    #expect(told.count >= 12, "the clients settled before the kill")

    // Restarted: every answered settlement is there with the figures the client was told.
    let store = try await Store.open(center.path)
    let report = try await store.verify()
    #expect(report.isConsistent, "\(report.problems)")
    for setlinfo in told {
      let id = try #require(setlinfo["setl_id"].text)
      let record = try #require(try await store.settlement(id: id), "answered settlement \(id) is lost")
      #expect(record.summary.fundTotal.description == setlinfo["fund_pay_sumamt"].text)
      #expect(record.summary.accountPay.description == setlinfo["acct_pay"].text)
      #expect(record.summary.cashPay.description == setlinfo["psn_cash_pay"].text)
    }
    // Every answered cancellation is there, and a repeat of its message gets the same answer.
    #expect(!answered.cancellations.isEmpty, "the clients cancelled before the kill")
    for cancellation in answered.cancellations {
      let mirror = try #require(cancellation.output["setlinfo"]["setl_id"].text)
      #expect(try await store.settlement(id: cancellation.original)?.cancelledBy == mirror)
      let kept = try #require(
        try await store.storedAnswer(institutionCode: "H37040200002", messageID: cancellation.messageID),
        "the answer of cancellation \(mirror) is not kept")
      #expect(try JSONValue.parse(kept.response)["output"] == cancellation.output)
    }
    try await store.close()

    // And the restarted server settles again.
    let again = try Self.start(database: center.path, port: port)
    defer {
      again.terminate()
      again.waitUntilExit()
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: center.path + suffix) }
    }
    try await Self.waitUntilUp(http, url)
    let his = HISClient(http: http, baseURL: url, institution: "H37040200002", secret: nil)
    let outcome = try await VisitScript.outpatient(his, patient: Self.patients[0])
    #expect(outcome.settlement["setl_id"].text != nil)
  }
}

/// A 2208 the client was answered: its msgid, the settlement it cancels, its output.
struct Cancellation: Sendable {
  let messageID: String
  let original: String
  let output: JSONValue
}

/// The settlements and cancellations the clients were told about.
final class Answered: Sendable {
  private let state = Mutex<(settlements: [JSONValue], cancellations: [Cancellation])>(([], []))
  func keep(_ setlinfo: JSONValue) { state.withLock { $0.settlements.append(setlinfo) } }
  func keep(_ cancellation: Cancellation) { state.withLock { $0.cancellations.append(cancellation) } }
  var settlements: [JSONValue] { state.withLock { $0.settlements } }
  var cancellations: [Cancellation] { state.withLock { $0.cancellations } }
}
