import ArgumentParser

/// `yibao verify`: the ledger check.
struct Verify: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "核对台账：由台账重算每笔结算的合计与每个累计值，有差异时列出并以状态1退出。")

  @OptionGroup var database: DatabaseOption

  func run() async throws {
    let store = try await database.open()
    let report = try await store.verify()
    try await store.close()
    for problem in report.problems { print("✗ \(problem)") }
    print(
      "\(report.isConsistent ? "✓" : "✗") \(report.settlements) 笔结算，\(report.counters) 个累计值，\(report.problems.count) 处差异"
    )
    if !report.isConsistent { throw ExitCode(1) }
  }
}
