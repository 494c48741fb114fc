import ArgumentParser
import Foundation
import Logging
import NationalInterface
import Policy
import Server
import Settlement
import Store

/// Options shared by `serve` and `demo`.
struct ServerOptions: ParsableArguments {
  @Option(help: "监听地址。") var host = "127.0.0.1"
  @Option(help: "监听端口。") var port = 8080
  @Option(help: "待遇政策目录（默认为随附的示例统筹区 Regions/370400/policy）。") var policy: String?
  @Flag(help: "关闭网关认证（x-tif-* 签名）与签到编号检查，仅供 curl 试验和本地工具。") var noAuth = false

  func loadPolicy() throws -> RegionPolicy {
    let path = policy ?? RegionFiles.defaultRegion().appendingPathComponent("policy").path
    do { return try RegionFiles.loadPolicy(at: path) } catch let errors as PolicyErrors {
      throw ValidationError("待遇政策有误：\n\(errors)")
    }
  }

  func serve(store: Store, region: RegionPolicy, banner: String? = nil) async throws {
    var logger = Logger(label: "yibao")
    logger.logLevel = .info
    if noAuth { logger.warning("认证已关闭（--no-auth）：任何人都可以调用本中心的接口") }
    let interface = NationalInterface(
      store: store, engine: SettlementEngine(region: region), gateway: noAuth ? nil : GatewayAuthentication())
    let app = InterfaceRoutes.application(interface: interface, host: host, port: port, logger: logger)
    let versions = region.versions.map(\.id).joined(separator: ", ")
    print("Yibao 结算中心：\(region.code) \(region.name)（\(versions)），http://\(host):\(port)")
    if let banner { print(banner) }
    // Piped (`yibao demo | tee`), stdout is block-buffered: the banner must not wait for the exit.
    fflush(nil)
    try await app.runService()
  }
}

/// The `--db` option.
struct DatabaseOption: ParsableArguments {
  @Option(name: .customLong("db"), help: "SQLite 数据库文件。") var path = "yibao.sqlite"

  func open() async throws -> Store { try await Store.open(path) }
}
