import Foundation
import NationalInterface
import Store
import Testing

/// An exclusive change (here a withdrawal of lines, as 2205 does) made by a request commits
/// with the request's answer, or not at all.
@Suite struct HeldTransactionTests {
  let person = "37040000000000000001"
  let hospital = "H37040200002"

  /// A registered visit with two unsettled lines.
  func visitWithTwoLines(_ center: TestCenter) async throws -> String {
    let registration = try await center.succeed(
      "2201", institution: hospital,
      input: ["data": ["psn_no": .string(person), "insutype": "390", "begntime": "2021-03-01 09:00:00"]])
    let visit = try #require(registration["data"]["mdtrt_id"].text)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          TestCenter.line(
            "1", visit: visit, person: person, code: "001110000010100", price: "10.00", count: "1", amount: "10.00"),
          TestCenter.line(
            "2", visit: visit, person: person, code: "002501010150100", price: "20.00", count: "1", amount: "20.00"),
        ]
      ])
    return visit
  }

  /// Withdraws the visit's unsettled lines as a request would (2205), leaving it to commit.
  func withdrawInRequest(_ center: TestCenter, visit: String) async -> (removed: Int?, unit: UnitOfWork) {
    await center.store.withUnitOfWork { try? await center.store.deleteUnsettledFeeLines(visitID: visit, batch: nil) }
  }

  func answer(_ messageID: String) -> AnswerRow {
    AnswerRow(institutionCode: hospital, messageID: messageID, transaction: "2205", response: Array("{}".utf8))
  }

  @Test func theChangeAndItsAnswerCommitTogether() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await visitWithTwoLines(center)
    let (removed, unit) = await withdrawInRequest(center, visit: visit)
    #expect(removed == 2)
    // Not committed yet: others still see both lines.
    #expect(try await center.store.feeLines(visitID: visit).count == 2)
    try await center.store.commit(unit, answer: answer("M-1"))
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)
    let stored = try await center.store.storedAnswer(institutionCode: hospital, messageID: "M-1")
    #expect(stored?.transaction == "2205")
  }

  /// A request refused after its exclusive change (say its second step failed) leaves nothing:
  /// it may be sent again once fixed.
  @Test func aRefusedRequestRollsItsChangeBack() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await visitWithTwoLines(center)
    let (_, unit) = await withdrawInRequest(center, visit: visit)
    try await center.store.commit(unit, answer: nil)
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["1", "2"])
    #expect(try await center.store.storedAnswer(institutionCode: hospital, messageID: "M-1") == nil)
    // The store runs on: the same withdrawal, outside any request, commits.
    #expect(try await center.store.deleteUnsettledFeeLines(visitID: visit, batch: nil) == 2)
  }

  /// A request that ends without committing (a crash of its task, as far as the store can
  /// tell) rolls back and does not leave the store paused.
  @Test func aRequestThatNeverCommitsRollsBack() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await visitWithTwoLines(center)
    do {
      let (removed, _) = await withdrawInRequest(center, visit: visit)
      #expect(removed == 2)
    }
    #expect(try await center.store.deleteUnsettledFeeLines(visitID: visit, batch: "B1") == 2)
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)
  }

  /// A request dropped with a queued change (already applied in memory) does not hold up the
  /// changes queued behind it: its write is sealed and committed.
  @Test(.timeLimit(.minutes(5))) func aRequestDroppedWithQueuedWritesDoesNotStallTheQueue() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await visitWithTwoLines(center)
    let original = try #require(try await center.store.visit(id: visit))
    var diagnosed = original
    diagnosed.diseaseCode = "J06.900"
    do {
      let (_, unit) = await center.store.withUnitOfWork {
        try? await center.store.updateVisit(diagnosed, from: original)
      }
      _ = unit
    }
    var named = diagnosed
    named.diseaseName = "急性上呼吸道感染"
    try await center.store.updateVisit(named, from: diagnosed)
    let reopened = try await Store.open(center.path)
    #expect(try await reopened.visit(id: visit) == named)
    try await reopened.close()
  }
}
