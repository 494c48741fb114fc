import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NationalInterface
import Registry
import Server
import ServiceLifecycle
import Settlement
import Store
import Workload

/// `yibao bench settle`: whole visits against the real server over loopback.
struct Bench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "性能测试。", subcommands: [Settle.self])

  struct Settle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "N 个并发客户端做完整的门诊（1101→2201→2203→2204 十条明细→2207）和住院（2401→2301 六十条→2402→2304），"
        + "打印每秒就诊数与 2207/2304 的 p50/p99 延迟。")

    @Option(help: "并发客户端数。") var clients = 32
    @Option(help: "每种就诊的测试秒数。") var seconds = 10
    @Option(help: "outpatient | inpatient | both") var kind = "both"
    @Option(help: "已运行的结算中心地址；省略时在本进程启动一个（演示数据，临时数据库）。") var url: String?
    @Option(help: "本进程服务器的端口。") var port = 18480
    @Option(name: .customLong("db"), help: "本进程服务器的数据库（默认临时 SQLite 文件）。") var database: String?
    @Flag(help: "不签名请求（对方以 --no-auth 运行时）。") var noAuth = false

    func run() async throws {
      let kinds = kind == "both" ? Benchmark.Kind.allCases : [Benchmark.Kind(rawValue: kind)].compactMap { $0 }
      guard !kinds.isEmpty else { throw ValidationError("--kind 必须是 outpatient、inpatient 或 both") }
      let folder = RegionFiles.defaultRegion().appendingPathComponent("demo")
      let region = try ServerOptions.parse(["--port", String(port)]).loadPolicy()
      let persons = try ReferenceImport.persons(
        try String(contentsOf: folder.appendingPathComponent("persons.csv"), encoding: .utf8))
      let patients = persons.compactMap { person -> Patient? in
        guard let row = person.insurances.first(where: { $0.insuranceType != region.maternityInsuranceType }) else {
          return nil
        }
        return Patient(
          number: person.number, certificateNumber: person.certificateNumber, insuranceType: row.insuranceType)
      }
      let hospitals = try ReferenceImport.institutions(
        try String(contentsOf: folder.appendingPathComponent("institutions.csv"), encoding: .utf8)
      ).filter { $0.kind == .hospital && $0.level >= 1 }.map {
        (code: $0.code, secret: noAuth ? nil : "demo-" + $0.code)
      }

      var baseURL = url ?? "http://127.0.0.1:\(port)"
      var server: (group: ServiceGroup, task: Task<Void, any Error>)?
      var inProcessStore: Store?
      // Without --db, a temporary SQLite file that goes with the run; one named by --db stays for a look.
      let temporaryDatabase =
        url == nil && database == nil
        ? FileManager.default.temporaryDirectory.appendingPathComponent("yibao-bench-\(getpid()).sqlite").path : nil
      if url == nil, let path = database ?? temporaryDatabase {
        let store = try await Store.open(path)
        guard try await store.institutionCodes().isEmpty else {
          throw ValidationError("--db \(path)：须为空数据库（本命令导入演示数据，不在已有数据上测试）")
        }
        for kind in Import.Kind.allCases {
          _ = try await Import.load(kind, file: folder.appendingPathComponent("\(kind.rawValue).csv").path, into: store)
        }
        for code in try await store.institutionCodes() {
          try await store.setSecret("demo-" + code, institutionCode: code)
        }
        let interface = NationalInterface(
          store: store, engine: SettlementEngine(region: region), gateway: noAuth ? nil : GatewayAuthentication())
        var logger = Logger(label: "yibao.bench")
        logger.logLevel = .warning
        let app = InterfaceRoutes.application(interface: interface, host: "127.0.0.1", port: port, logger: logger)
        // Stopped by a graceful shutdown when the runs are done, not by cancelling it mid-connection.
        let group = ServiceGroup(
          configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        server = (group, Task { try await group.run() })
        inProcessStore = store
        baseURL = "http://127.0.0.1:\(port)"
        print("本进程服务器：\(baseURL)，数据库 \(path)")
      }
      var configuration = HTTPClient.Configuration()
      configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: clients)
      let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
      try await waitUntilUp(http, baseURL)
      guard let address = URLComponents(string: baseURL), let host = address.host, let serverPort = address.port else {
        throw ValidationError("--url 须为 http://主机:端口")
      }
      var lines: [String] = []
      for kind in kinds {
        let before = inProcessStore?.groupCommitFigures
        let cpuBefore = Self.processCPUSeconds()
        let result = try await Benchmark.run(
          kind, host: host, port: serverPort, clients: clients, duration: .seconds(seconds), institutions: hospitals,
          patients: patients)
        // CPU time is steadier than visits/s on a shared machine: compare builds by it.
        let cpu = (Self.processCPUSeconds() - cpuBefore) * 1000 / Double(max(1, result.visits))
        let whose = inProcessStore == nil ? "客户端" : "服务器与客户端合计"
        // How many writes each transaction carried: what the group commit saved.
        let batching = inProcessStore.map { store in
          let figures = store.groupCommitFigures - before!
          return "，成组提交 \(figures.batches) 个事务、平均每个 \(String(format: "%.1f", figures.writesPerBatch)) 笔写入"
        }
        print(
          "\(kind.rawValue)：\(result.visits) 次就诊，\(result.failures) 次失败\(result.firstFailure.map { "（首个：\($0)）" } ?? "")，"
            + "\(clients) 个客户端，\(seconds) 秒，每次就诊 CPU \(String(format: "%.2f", cpu)) ms（\(whose)）\(batching ?? "")")
        lines.append(result.summaryLine)
      }
      try await http.shutdown()
      if let server {
        await server.group.triggerGracefulShutdown()
        try await server.task.value
      }
      try await inProcessStore?.close()
      if let temporaryDatabase {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporaryDatabase + suffix) }
      }
      for line in lines { print(line) }
    }

    /// CPU time of this process so far (every thread, user and system), in seconds.
    static func processCPUSeconds() -> Double {
      var time = timespec()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
      return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func waitUntilUp(_ http: HTTPClient, _ baseURL: String) async throws {
      for _ in 0..<100 {
        if let response = try? await http.execute(HTTPClientRequest(url: baseURL + "/health"), timeout: .seconds(1)),
          response.status == .ok
        {
          return
        }
        try await Task.sleep(for: .milliseconds(100))
      }
      throw ValidationError("结算中心 \(baseURL) 没有响应")
    }
  }
}
