using System.CommandLine;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn admin policy set|get|rm USER NAME [FILE]</c>: a user's inline policies (JSON policy documents).</summary>
internal static class AdminPolicyCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("policy", "Set, show and remove a user's inline policies");
        command.Subcommands.Add(CreateSet(runner));
        command.Subcommands.Add(CreateGet(runner));
        command.Subcommands.Add(CreateRemove(runner));
        return command;
    }

    private static Argument<string> User() => new("user") { Description = "The user the policy is attached to" };

    private static Argument<string> Name() => new("name") { Description = "The policy's name (unique per user)" };

    private static Command CreateSet(CommandRunner runner)
    {
        var user = User();
        var name = Name();
        var file = new Argument<string>("file") { Description = "The policy document (JSON); '-' reads it from stdin" };
        var command = new Command("set", "Attach a policy to a user, or replace the one of that name");
        command.Arguments.Add(user);
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var document = await DocumentFiles.ReadAsync(context.Get(file)!, cancellationToken).ConfigureAwait(false);
            using var iam = context.CreateIamClient();
            await iam.PutUserPolicyAsync(context.Get(user)!, context.Get(name)!, document, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"set_policy: {context.Get(user)} {context.Get(name)}");
            context.Output.Document(new { userName = context.Get(user), policyName = context.Get(name), set = true });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateGet(CommandRunner runner)
    {
        var user = User();
        var name = new Argument<string?>("name") { Description = "The policy to show; without it, the user's policy names are listed", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("get", "Show one of a user's policies, or list their names");
        command.Arguments.Add(user);
        command.Arguments.Add(name);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            if (context.Get(name) is not { } policyName)
            {
                var names = await iam.ListUserPoliciesAsync(context.Get(user)!, cancellationToken).ConfigureAwait(false);
                foreach (var each in names)
                {
                    context.Output.Line(each);
                }

                context.Output.Document(new { userName = context.Get(user), policyNames = names });
                return ExitCodes.Success;
            }

            var document = await iam.GetUserPolicyAsync(context.Get(user)!, policyName, cancellationToken).ConfigureAwait(false);
            context.Output.Line(document);
            context.Output.Document(new { userName = context.Get(user), policyName, policyDocument = document });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CommandRunner runner)
    {
        var user = User();
        var name = Name();
        var command = new Command("rm", "Remove a policy from a user");
        command.Arguments.Add(user);
        command.Arguments.Add(name);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            await iam.DeleteUserPolicyAsync(context.Get(user)!, context.Get(name)!, cancellationToken).ConfigureAwait(false);
            context.Output.Line($"remove_policy: {context.Get(user)} {context.Get(name)}");
            context.Output.Document(new { userName = context.Get(user), policyName = context.Get(name), removed = true });
            return ExitCodes.Success;
        });
        return command;
    }
}
