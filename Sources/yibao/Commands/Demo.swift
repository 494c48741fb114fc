import ArgumentParser
import Foundation
import Store

/// `yibao demo`: a fresh demo database of the shipped region, then the server.
struct Demo: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "建立示例统筹区的演示数据库（机构、目录、人员、身份、资格）并启动结算中心。")

  @Option(name: .customLong("db"), help: "演示数据库文件（每次重建）。") var path = "yibao-demo.sqlite"
  @OptionGroup var options: ServerOptions

  func run() async throws {
    let region = try options.loadPolicy()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try await Store.open(path)
    let folder = RegionFiles.defaultRegion().appendingPathComponent("demo")
    var counts: [String] = []
    for kind in Import.Kind.allCases {
      let file = folder.appendingPathComponent("\(kind.rawValue).csv").path
      counts.append("\(kind.rawValue) \(try await Import.load(kind, file: file, into: store))")
    }
    print("演示数据库 \(path)：\(counts.joined(separator: "，"))")
    // Demo secrets are predictable on purpose: `demo-` + the institution code.
    for code in try await store.institutionCodes() { try await store.setSecret("demo-" + code, institutionCode: code) }
    try await options.serve(store: store, region: region, banner: Demo.howToTry(host: options.host, port: options.port))
  }

  static func howToTry(host: String, port: Int) -> String {
    """
    接口认证：x-tif-paasid = 机构编号，x-tif-signature = sha256(时间戳 + 密钥 + 随机数 + 时间戳)，
      演示密钥 = "demo-" + 机构编号，例如 H37040200002 的密钥是 demo-H37040200002；先 9001 签到取得 sign_no。
    试一笔门诊结算和一笔住院结算（另开一个终端）：
      scripts/try-settlement.sh http://\(host):\(port)
    或按 README 的 curl 示例逐个交易调用 POST http://\(host):\(port)/fsi/api/rsfComIfsService/callService
    """
  }
}
