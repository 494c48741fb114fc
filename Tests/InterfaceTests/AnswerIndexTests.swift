import Foundation
import Testing
import Workload

@testable import Store

/// The kept answers' keys in memory: bounded by the msgids' own stamps.
struct AnswerIndexTests {
  /// 2026-11-25 15:30:00 in China is 07:30:00 UTC.
  static let now = Date(timeIntervalSince1970: 1_795_591_800)
  static let recentKey = "H37040200001|H37040200001202611251530000001"

  @Test func theStampIsTheMsgidsChinaTime() {
    #expect(AnswerIndex.stamp(ofKey: Self.recentKey) == Self.now)
    #expect(AnswerIndex.stamp(ofKey: "H37040200001|H37040200001202602290000000001") == nil, "no 29 February in 2026")
    #expect(AnswerIndex.stamp(ofKey: "H37040200001|abc") == nil)
    #expect(AnswerIndex.stamp(ofKey: "H37040200001|H37040200001202611251560000001") == nil, "minute 60")
  }

  @Test func recentMessagesAreKnownInMemoryOthersAskTheDatabase() {
    var index = AnswerIndex()
    index.add(Self.recentKey, transaction: "2207", now: Self.now)
    #expect(index.lookup(Self.recentKey, now: Self.now) == .kept("2207"))
    #expect(index.lookup("H37040200001|H37040200001202611251530000002", now: Self.now) == .new)
    // Three days old or unstamped: not held, so the database decides.
    index.add("H37040200001|H37040200001202611221530000001", transaction: "2207", now: Self.now)
    #expect(index.count == 1)
    #expect(index.lookup("H37040200001|H37040200001202611221530000001", now: Self.now) == .unknown)
    #expect(index.lookup("H37040200001|X-1", now: Self.now) == .unknown)
    index.remove(Self.recentKey)
    #expect(index.lookup(Self.recentKey, now: Self.now) == .new)
  }

  /// A sender whose clock runs two days fast: its message is kept, and once its stamp is
  /// within a day of now, memory answers for it (a repeat is never taken for new).
  @Test func aMessageStampedAheadIsKeptUntilItsStampComes() {
    var index = AnswerIndex()
    let ahead = "H37040200001|H37040200001202611271530000001"
    #expect(index.lookup(ahead, now: Self.now) == .unknown)
    index.add(ahead, transaction: "2201", now: Self.now)
    #expect(index.count == 1)
    #expect(index.lookup(ahead, now: Self.now + 36 * 3_600) == .kept("2201"))
  }

  /// A commit that failed in a way that may have committed: the database decides from then on.
  @Test func anUncertainCommitIsLookedUpInTheDatabase() {
    var index = AnswerIndex()
    index.markUncertain(Self.recentKey, now: Self.now)
    #expect(index.lookup(Self.recentKey, now: Self.now) == .unknown)
    index.add(Self.recentKey, transaction: "2207", now: Self.now)
    #expect(index.lookup(Self.recentKey, now: Self.now) == .kept("2207"))
  }

  /// Memory holds the window's traffic only: keys whose stamp has left the window are swept
  /// on a later add (at most once an hour).
  @Test func keysLeaveMemoryOnceTheirStampIsOutOfTheWindow() {
    var index = AnswerIndex()
    index.add(Self.recentKey, transaction: "2207", now: Self.now)
    let later = Self.now + 2 * 86_400 + 60
    index.add("H37040200001|H37040200001202611271531000001", transaction: "2201", now: later)
    #expect(index.count == 1)
    #expect(index.lookup(Self.recentKey, now: later) == .unknown)
  }
}
