import Synchronization

/// A value that arrives later, awaited by one task: the outcome of a queued write, or the
/// end decided for a held transaction. The first result given is the one that counts.
///
/// ```swift
/// let done = Completion<Void>()
/// Task { done.finish(.success(())) }
/// try await done.wait()
/// ```
final class Completion<Value: Sendable>: Sendable {
  private struct State {
    var result: Result<Value, any Error>?
    var waiter: CheckedContinuation<Value, any Error>?
  }

  private let state = Mutex(State())

  func wait() async throws -> Value {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
      let result = state.withLock { state -> Result<Value, any Error>? in
        if let result = state.result { return result }
        state.waiter = continuation
        return nil
      }
      if let result { continuation.resume(with: result) }
    }
  }

  /// The result, if given already; does not wait.
  var result: Result<Value, any Error>? { state.withLock { $0.result } }

  /// The error it failed with, once it has.
  var failure: (any Error)? {
    state.withLock { state in
      guard case .failure(let error) = state.result else { return nil }
      return error
    }
  }

  func finish(_ result: Result<Value, any Error>) {
    let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
      guard state.result == nil else { return nil }
      state.result = result
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(with: result)
  }
}
