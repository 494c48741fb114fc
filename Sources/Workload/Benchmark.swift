import Foundation
import NationalInterface
import Synchronization

/// Drives a running settlement center with N concurrent simulated clients and measures
/// whole visits per second and the latency of the settling call.
///
/// ```swift
/// let result = try await Benchmark.run(.outpatient, host: "127.0.0.1", port: 8080, clients: 32,
///                                      duration: .seconds(10), institutions: hospitals, patients: patients)
/// print(result.summaryLine)   // "outpatient: 2100 visits/s, p50 7.1 ms, p99 18.0 ms"
/// ```
public enum Benchmark {
  public enum Kind: String, Sendable, CaseIterable {
    case outpatient
    case inpatient
  }

  public struct Result: Sendable {
    public let kind: Kind
    public let visits: Int
    public let failures: Int
    public let elapsed: Duration
    /// Latencies of 2207 / 2304, sorted.
    public let latencies: [Duration]
    public let firstFailure: String?

    public var visitsPerSecond: Double {
      Double(visits) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    public func percentile(_ p: Double) -> Double {
      guard !latencies.isEmpty else { return 0 }
      let index = min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)
      let d = latencies[max(0, index)]
      return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    /// `outpatient: N visits/s, p50 X ms, p99 Y ms`.
    public var summaryLine: String {
      String(
        format: "%@: %.0f visits/s, p50 %.1f ms, p99 %.1f ms", kind.rawValue, visitsPerSecond, percentile(0.5),
        percentile(0.99))
    }
  }

  /// Runs `clients` loops of whole visits for `duration`; each client is its own HIS of one
  /// of `institutions`, with a keep-alive connection of its own, bringing `patients` in turn.
  public static func run(
    _ kind: Kind, host: String, port: Int, clients: Int, duration: Duration,
    institutions: [(code: String, secret: String?)], patients: [Patient]
  ) async throws -> Result {
    let collected = Collector()
    let his = try await withThrowingTaskGroup(of: HISClient.self) { group in
      for index in 0..<clients {
        let institution = institutions[index % institutions.count]
        group.addTask {
          let client = HISClient(
            connection: try await LoopbackConnection.connect(host: host, port: port), institution: institution.code,
            secret: institution.secret)
          try await client.signIn()
          return client
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    let start = ContinuousClock.now
    let deadline = start + duration
    await withTaskGroup(of: Void.self) { group in
      for (index, client) in his.enumerated() {
        group.addTask(executorPreference: client.executor) {
          var turn = index
          while ContinuousClock.now < deadline {
            let patient = patients[turn % patients.count]
            turn += clients
            do {
              let outcome =
                switch kind {
                case .outpatient: try await VisitScript.outpatient(client, patient: patient)
                case .inpatient: try await VisitScript.inpatient(client, patient: patient)
                }
              collected.state.withLock { $0.latencies.append(outcome.settleLatency) }
            } catch {
              let message = "\(error)"
              collected.state.withLock { state in
                state.failures += 1
                if state.first == nil { state.first = message }
              }
            }
          }
        }
      }
    }
    let elapsed = ContinuousClock.now - start
    for client in his { await client.close() }
    let (latencies, failures, first) = collected.state.withLock { $0 }
    return Result(
      kind: kind, visits: latencies.count, failures: failures, elapsed: elapsed, latencies: latencies.sorted(),
      firstFailure: first)
  }
}

/// What the clients of a run measured.
final class Collector: Sendable {
  let state = Mutex<(latencies: [Duration], failures: Int, first: String?)>(([], 0, nil))
}
