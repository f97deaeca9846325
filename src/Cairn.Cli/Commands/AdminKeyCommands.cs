using System.CommandLine;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn admin key add|ls|disable|rm USER [KEY]</c>. <c>add</c> prints the new secret: the server shows it this
/// once and never again.
/// </summary>
internal static class AdminKeyCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("key", "Add, list, disable and remove a user's access keys");
        command.Subcommands.Add(CreateAdd(runner));
        command.Subcommands.Add(CreateList(runner));
        command.Subcommands.Add(CreateDisable(runner));
        command.Subcommands.Add(CreateRemove(runner));
        return command;
    }

    private static Argument<string> User() => new("user") { Description = "The user the key belongs to" };

    private static Argument<string> Key() => new("key") { Description = "The access key id" };

    private static Command CreateAdd(CommandRunner runner)
    {
        var user = User();
        var command = new Command("add", "Create an access key for a user (at most two per user); prints its secret once");
        command.Arguments.Add(user);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            var key = await iam.CreateAccessKeyAsync(context.Get(user)!, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"access_key_id: {key.AccessKeyId}");
            context.Output.Line($"secret_access_key: {key.SecretAccessKey}");
            context.Output.Note("The secret is shown this once; keep it now.");
            context.Output.Document(new
            {
                userName = key.UserName, accessKeyId = key.AccessKeyId, secretAccessKey = key.SecretAccessKey,
                status = key.Status, createDate = key.CreateDate,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(CommandRunner runner)
    {
        var user = User();
        var command = new Command("ls", "List a user's access keys");
        command.Arguments.Add(user);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            var keys = await iam.ListAccessKeysAsync(context.Get(user)!, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                context.Output.Line($"{ListCommand.Timestamp(key.CreateDate.UtcDateTime)}  {key.AccessKeyId}  {key.Status}");
            }

            context.Output.Document(new
            {
                userName = context.Get(user),
                keys = keys.Select(key => new { accessKeyId = key.AccessKeyId, status = key.Status, createDate = key.CreateDate }),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateDisable(CommandRunner runner)
    {
        var user = User();
        var key = Key();
        var command = new Command("disable", "Switch an access key off (it can be switched on again; 'rm' removes it)");
        command.Arguments.Add(user);
        command.Arguments.Add(key);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            await iam.UpdateAccessKeyAsync(context.Get(user)!, context.Get(key)!, "Inactive", cancellationToken).ConfigureAwait(false);
            context.Output.Line($"disable_key: {context.Get(key)}");
            context.Output.Document(new { userName = context.Get(user), accessKeyId = context.Get(key), status = "Inactive" });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CommandRunner runner)
    {
        var user = User();
        var key = Key();
        var command = new Command("rm", "Remove an access key");
        command.Arguments.Add(user);
        command.Arguments.Add(key);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            await iam.DeleteAccessKeyAsync(context.Get(user)!, context.Get(key)!, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"remove_key: {context.Get(key)}");
            context.Output.Document(new { userName = context.Get(user), accessKeyId = context.Get(key), removed = true });
            return ExitCodes.Success;
        });
        return command;
    }
}
