using System.CommandLine;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn admin user|key|policy|verify …</c>: managing Cairn's users, their access keys and their inline policies, and
/// verifying the store, through the admin API (IAM's query API on the same endpoint, with Cairn's VerifyStore beside
/// IAM's actions), which only the root user, or a user a policy allows, may call.
/// </summary>
internal static class AdminCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("admin", "Manage users, access keys and user policies, and verify the store (the admin API)");
        command.Subcommands.Add(AdminUserCommands.Create(runner));
        command.Subcommands.Add(AdminKeyCommands.Create(runner));
        command.Subcommands.Add(AdminPolicyCommands.Create(runner));
        command.Subcommands.Add(AdminVerifyCommand.Create(runner));
        return command;
    }
}
