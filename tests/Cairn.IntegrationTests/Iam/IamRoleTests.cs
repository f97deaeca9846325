using System.Net;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.Iam;

/// <summary>
/// The role actions of the admin API against a real server, in IAM's shapes: roles with their trust policies,
/// their inline policies, and every refusal (taken names, bad documents and names, durations out of range, a role
/// with policies left, unknown roles, callers without the right).
/// </summary>
public sealed class IamRoleTests(CairnServerFixture fixture) : IClassFixture<CairnServerFixture>
{
    private const string TrustRoot = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}
        """;

    private const string UploadPolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::uploads/*"}]}
        """;

    private static readonly XNamespace Ns = RawIamClient.Ns;

    private RawIamClient Root() => new(fixture.BaseAddress, fixture.AccessKey, fixture.SecretKey);

    private static string UniqueName(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CreateRole_answers_the_role_as_IAM_shapes_it_and_GetRole_finds_it_by_any_case()
    {
        using var root = Root();
        var name = UniqueName("Uploader");

        var created = await root.CallAsync("CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", TrustRoot),
            ("Description", "devices upload here"), ("MaxSessionDuration", "7200"));

        var role = created.Result("CreateRole").Element(Ns + "Role")!;
        Assert.Equal("/", role.Element(Ns + "Path")?.Value);
        Assert.Equal(name, role.Element(Ns + "RoleName")?.Value);
        Assert.Matches("^AROA[A-Z2-7]{17}$", role.Element(Ns + "RoleId")?.Value);
        Assert.Equal($"arn:aws:iam::000000000000:role/{name}", role.Element(Ns + "Arn")?.Value);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", role.Element(Ns + "CreateDate")?.Value);
        Assert.Equal(TrustRoot, Uri.UnescapeDataString(role.Element(Ns + "AssumeRolePolicyDocument")!.Value));
        Assert.Equal("devices upload here", role.Element(Ns + "Description")?.Value);
        Assert.Equal("7200", role.Element(Ns + "MaxSessionDuration")?.Value);

        var got = (await root.CallAsync("GetRole", ("RoleName", name.ToUpperInvariant()))).Result("GetRole").Element(Ns + "Role")!;
        Assert.Equal(role.Element(Ns + "RoleId")?.Value, got.Element(Ns + "RoleId")?.Value);
        Assert.Equal(name, got.Element(Ns + "RoleName")?.Value);
    }

    [Fact]
    public async Task A_role_without_MaxSessionDuration_allows_one_hour_sessions()
    {
        using var root = Root();
        var name = UniqueName("default");

        var role = (await root.CallAsync("CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");

        Assert.Equal("3600", role.Descendants(Ns + "MaxSessionDuration").Single().Value);
        Assert.Empty(role.Descendants(Ns + "Description"));
    }

    [Fact]
    public async Task CreateRole_refuses_a_taken_name_ignoring_case_bad_names_bad_trust_policies_and_durations_out_of_range()
    {
        using var root = Root();
        var name = UniqueName("taken");
        (await root.CallAsync("CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");

        var duplicate = (await root.CallAsync("CreateRole", ("RoleName", name.ToUpperInvariant()), ("AssumeRolePolicyDocument", TrustRoot)))
            .AssertError(HttpStatusCode.Conflict, "EntityAlreadyExists");
        Assert.Contains("already exists", duplicate, StringComparison.Ordinal);

        (await root.CallAsync("CreateRole", ("RoleName", "has space"), ("AssumeRolePolicyDocument", TrustRoot)))
            .AssertError(HttpStatusCode.BadRequest, "ValidationError");
        (await root.CallAsync("CreateRole", ("RoleName", new string('r', 65)), ("AssumeRolePolicyDocument", TrustRoot)))
            .AssertError(HttpStatusCode.BadRequest, "ValidationError");
        (await root.CallAsync("CreateRole", ("RoleName", UniqueName("no-trust")))).AssertError(HttpStatusCode.BadRequest, "ValidationError");

        var noPrincipal = (await root.CallAsync("CreateRole", ("RoleName", UniqueName("bad")), ("AssumeRolePolicyDocument",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}""")))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
        Assert.Contains("Principal", noPrincipal, StringComparison.Ordinal);
        var s3Action = (await root.CallAsync("CreateRole", ("RoleName", UniqueName("bad")), ("AssumeRolePolicyDocument",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"s3:GetObject"}]}""")))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
        Assert.Contains("s3:GetObject", s3Action, StringComparison.Ordinal);
        (await root.CallAsync("CreateRole", ("RoleName", UniqueName("bad")), ("AssumeRolePolicyDocument", "{")))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");

        var tooShort = (await root.CallAsync("CreateRole", ("RoleName", UniqueName("short")), ("AssumeRolePolicyDocument", TrustRoot),
            ("MaxSessionDuration", "3599"))).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        Assert.Contains("greater than or equal to 3600", tooShort, StringComparison.Ordinal);
        var tooLong = (await root.CallAsync("CreateRole", ("RoleName", UniqueName("long")), ("AssumeRolePolicyDocument", TrustRoot),
            ("MaxSessionDuration", "43201"))).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        Assert.Contains("less than or equal to 43200", tooLong, StringComparison.Ordinal);
        (await root.CallAsync("CreateRole", ("RoleName", UniqueName("path")), ("AssumeRolePolicyDocument", TrustRoot), ("Path", "/teams/")))
            .AssertError(HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task ListRoles_pages_with_MaxItems_and_Marker()
    {
        using var root = Root();
        var prefix = "rpage-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            (await root.CallAsync("CreateRole", ("RoleName", $"{prefix}-{suffix}"), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");
        }

        var names = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var answer = marker is null
                ? await root.CallAsync("ListRoles", ("MaxItems", "2"))
                : await root.CallAsync("ListRoles", ("MaxItems", "2"), ("Marker", marker));
            var result = answer.Result("ListRoles");
            var members = result.Element(Ns + "Roles")!.Elements(Ns + "member").ToList();
            Assert.InRange(members.Count, 0, 2);
            names.AddRange(members.Select(m => m.Element(Ns + "RoleName")!.Value));
            var truncated = result.Element(Ns + "IsTruncated")!.Value == "true";
            marker = truncated ? result.Element(Ns + "Marker")!.Value : null;
            pages++;
        }
        while (marker is not null && pages < 100);

        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Empty((await root.CallAsync("ListRoles", ("PathPrefix", "/service/"))).Result("ListRoles").Descendants(Ns + "member"));
    }

    [Fact]
    public async Task UpdateRole_and_UpdateAssumeRolePolicy_change_what_GetRole_answers()
    {
        using var root = Root();
        var name = UniqueName("update");
        (await root.CallAsync("CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");
        var trustAlice = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"Action":"sts:AssumeRole"}]}
            """;

        (await root.CallAsync("UpdateRole", ("RoleName", name), ("MaxSessionDuration", "43200"), ("Description", "now longer"))).Result("UpdateRole");
        (await root.CallAsync("UpdateAssumeRolePolicy", ("RoleName", name), ("PolicyDocument", trustAlice))).Result("UpdateAssumeRolePolicy");

        var role = (await root.CallAsync("GetRole", ("RoleName", name))).Result("GetRole").Element(Ns + "Role")!;
        Assert.Equal("43200", role.Element(Ns + "MaxSessionDuration")?.Value);
        Assert.Equal("now longer", role.Element(Ns + "Description")?.Value);
        Assert.Equal(trustAlice, Uri.UnescapeDataString(role.Element(Ns + "AssumeRolePolicyDocument")!.Value));

        (await root.CallAsync("UpdateRole", ("RoleName", name), ("MaxSessionDuration", "60"))).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        (await root.CallAsync("UpdateAssumeRolePolicy", ("RoleName", name), ("PolicyDocument", UploadPolicy)))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
        (await root.CallAsync("UpdateRole", ("RoleName", UniqueName("ghost")), ("Description", "x"))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        Assert.Equal("43200", (await root.CallAsync("GetRole", ("RoleName", name))).Text("MaxSessionDuration"));
    }

    [Fact]
    public async Task Role_policies_are_put_got_URL_encoded_listed_and_deleted_and_a_role_with_policies_cannot_be_deleted()
    {
        using var root = Root();
        var name = UniqueName("with-policy");
        (await root.CallAsync("CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");

        (await root.CallAsync("PutRolePolicy", ("RoleName", name), ("PolicyName", "upload"), ("PolicyDocument", UploadPolicy))).Result("PutRolePolicy");

        var got = await root.CallAsync("GetRolePolicy", ("RoleName", name), ("PolicyName", "upload"));
        var result = got.Result("GetRolePolicy");
        Assert.Equal(name, result.Element(Ns + "RoleName")?.Value);
        Assert.Equal("upload", result.Element(Ns + "PolicyName")?.Value);
        Assert.Equal(Uri.EscapeDataString(UploadPolicy), result.Element(Ns + "PolicyDocument")?.Value);
        Assert.Equal(["upload"], (await root.CallAsync("ListRolePolicies", ("RoleName", name))).Result("ListRolePolicies")
            .Descendants(Ns + "member").Select(m => m.Value));

        var conflict = (await root.CallAsync("DeleteRole", ("RoleName", name))).AssertError(HttpStatusCode.Conflict, "DeleteConflict");
        Assert.Contains("policies", conflict, StringComparison.Ordinal);

        (await root.CallAsync("DeleteRolePolicy", ("RoleName", name), ("PolicyName", "upload"))).Result("DeleteRolePolicy");
        (await root.CallAsync("DeleteRolePolicy", ("RoleName", name), ("PolicyName", "upload"))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("GetRolePolicy", ("RoleName", name), ("PolicyName", "upload"))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("DeleteRole", ("RoleName", name))).Result("DeleteRole");
        (await root.CallAsync("GetRole", ("RoleName", name))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("DeleteRole", ("RoleName", name))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task Role_policies_are_identity_policies_and_unknown_roles_are_NoSuchEntity()
    {
        using var root = Root();
        var name = UniqueName("idp");
        var ghost = UniqueName("ghost");
        (await root.CallAsync("CreateRole", ("RoleName", name), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");

        var withPrincipal = (await root.CallAsync("PutRolePolicy", ("RoleName", name), ("PolicyName", "p"), ("PolicyDocument",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""")))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
        Assert.Contains("Principal", withPrincipal, StringComparison.Ordinal);
        Assert.Empty((await root.CallAsync("ListRolePolicies", ("RoleName", name))).Result("ListRolePolicies").Descendants(Ns + "member"));

        (await root.CallAsync("PutRolePolicy", ("RoleName", ghost), ("PolicyName", "p"), ("PolicyDocument", UploadPolicy)))
            .AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("ListRolePolicies", ("RoleName", ghost))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        var missing = (await root.CallAsync("GetRole", ("RoleName", ghost))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        Assert.Equal($"The role with name {ghost} cannot be found.", missing);
    }

    [Fact]
    public async Task A_user_creates_roles_only_when_its_policies_allow_iam_CreateRole_on_the_roles_ARN_and_owns_them()
    {
        using var root = Root();
        var user = await TestUsers.CreateAsync(fixture.Host, "role-maker");
        using var client = new RawIamClient(fixture.BaseAddress, user.Key.AccessKeyId, user.Key.Secret);
        var allowed = UniqueName("app");

        var denied = (await client.CallAsync("CreateRole", ("RoleName", allowed), ("AssumeRolePolicyDocument", TrustRoot)))
            .AssertError(HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains($"user/{user.Name} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::000000000000:role/{allowed}",
            denied, StringComparison.Ordinal);

        await TestUsers.PutPolicyAsync(fixture.Host, user, "roles", $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateRole","iam:GetRole"],"Resource":"arn:aws:iam::000000000000:role/app-*"}]}
            """);
        (await client.CallAsync("CreateRole", ("RoleName", allowed), ("AssumeRolePolicyDocument", TrustRoot))).Result("CreateRole");
        (await client.CallAsync("GetRole", ("RoleName", allowed))).Result("GetRole");
        (await client.CallAsync("CreateRole", ("RoleName", UniqueName("other")), ("AssumeRolePolicyDocument", TrustRoot)))
            .AssertError(HttpStatusCode.Forbidden, "AccessDenied");
        (await client.CallAsync("ListRoles")).AssertError(HttpStatusCode.Forbidden, "AccessDenied");
        (await client.CallAsync("DeleteRole", ("RoleName", allowed))).AssertError(HttpStatusCode.Forbidden, "AccessDenied");

        var roles = fixture.Host.Services.GetRequiredService<Cairn.Core.Identity.Roles.IRoleStore>();
        var stored = await roles.FindRoleByNameAsync(allowed, CancellationToken.None);
        Assert.Equal(user.Id, stored!.OwnerId);
    }
}
