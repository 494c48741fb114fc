import ArgumentParser

/// `yibao serve`: migrate, load the policy, serve the national interface.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "启动结算中心（国家接口 HTTP 服务）。")

  @OptionGroup var database: DatabaseOption
  @OptionGroup var options: ServerOptions

  func run() async throws {
    let region = try options.loadPolicy()
    let store = try await database.open()
    try await options.serve(store: store, region: region)
  }
}
