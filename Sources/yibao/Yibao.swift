import ArgumentParser

/// `yibao`: the settlement center's command line.
@main
struct Yibao: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "yibao",
    abstract: "医保结算中心：国家接口一站式结算、参考数据导入与待遇政策校验。",
    subcommands: [Serve.self, Demo.self, Import.self, PolicyCommand.self, Verify.self, Secret.self, Bench.self])
}
