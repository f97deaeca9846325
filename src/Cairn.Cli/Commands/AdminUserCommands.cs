using System.CommandLine;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn admin user add|ls|rm</c>.</summary>
internal static class AdminUserCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("user", "Add, list and remove users");
        command.Subcommands.Add(CreateAdd(runner));
        command.Subcommands.Add(CreateList(runner));
        command.Subcommands.Add(CreateRemove(runner));
        return command;
    }

    private static Command CreateAdd(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The new user's name (letters, digits and _+=,.@-)" };
        var command = new Command("add", "Add a user (then give it a key with 'cairn admin key add NAME')");
        command.Arguments.Add(name);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            var user = await iam.CreateUserAsync(context.Get(name)!, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"add_user: {user.UserName} {user.UserId}");
            context.Output.Document(new { userName = user.UserName, userId = user.UserId, arn = user.Arn, createDate = user.CreateDate });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(CommandRunner runner)
    {
        var command = new Command("ls", "List users");
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            var users = await iam.ListUsersAsync(cancellationToken).ConfigureAwait(false);
            foreach (var user in users)
            {
                context.Output.Line($"{ListCommand.Timestamp(user.CreateDate.UtcDateTime)}  {user.UserId}  {user.UserName}");
            }

            context.Output.Document(new
            {
                users = users.Select(user => new { userName = user.UserName, userId = user.UserId, arn = user.Arn, createDate = user.CreateDate }),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The user to remove (it must own no bucket and have no keys or policies left)" };
        var command = new Command("rm", "Remove a user");
        command.Arguments.Add(name);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            await iam.DeleteUserAsync(context.Get(name)!, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"remove_user: {context.Get(name)}");
            context.Output.Document(new { userName = context.Get(name), removed = true });
            return ExitCodes.Success;
        });
        return command;
    }
}
