export { CliError, type Command, type CommandIo, type CommandResult } from "./command.ts";
export { type DemoSaleOptions, type DemoSaleResult, runDemoSale } from "./commands/run-demo-sale.ts";
export { type CliStreams, COMMANDS, helpText, runCli } from "./run-cli.ts";
