using System;
using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Cms.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresCmsDbContext))]
    [Migration("20261206082938_Initial")]
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cmsApprovalRequest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsApprovalRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsContentSchedule",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DoneUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Result = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsContentSchedule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsMedia",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    IsFolder = table.Column<bool>(type: "boolean", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: true),
                    Height = table.Column<int>(type: "integer", nullable: true),
                    FileVersion = table.Column<int>(type: "integer", nullable: false),
                    FocalPointX = table.Column<double>(type: "double precision", nullable: false),
                    FocalPointY = table.Column<double>(type: "double precision", nullable: false),
                    CreateDateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsMedia", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cmsMedia_cmsMedia_ParentId",
                        column: x => x.ParentId,
                        principalTable: "cmsMedia",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cmsNode",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    ContentTypeAlias = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Trashed = table.Column<bool>(type: "boolean", nullable: false),
                    TrashedFromParentId = table.Column<int>(type: "integer", nullable: true),
                    CreateDateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CurrentVersionId = table.Column<int>(type: "integer", nullable: false),
                    PublishedVersionId = table.Column<int>(type: "integer", nullable: true),
                    FirstPublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsNode", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsRedirectUrl",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    CreateDateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsRedirectUrl", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsMediaAltText",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MediaId = table.Column<int>(type: "integer", nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsMediaAltText", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cmsMediaAltText_cmsMedia_MediaId",
                        column: x => x.MediaId,
                        principalTable: "cmsMedia",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cmsContentVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeId = table.Column<int>(type: "integer", nullable: false),
                    VersionDateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsContentVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cmsContentVersion_cmsNode_NodeId",
                        column: x => x.NodeId,
                        principalTable: "cmsNode",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cmsContentVersionCulture",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    UrlSegment = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsContentVersionCulture", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cmsContentVersionCulture_cmsContentVersion_VersionId",
                        column: x => x.VersionId,
                        principalTable: "cmsContentVersion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cmsPropertyValue",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    Alias = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsPropertyValue", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cmsPropertyValue_cmsContentVersion_VersionId",
                        column: x => x.VersionId,
                        principalTable: "cmsContentVersion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cmsApprovalRequest_NodeKey_State",
                table: "cmsApprovalRequest",
                columns: new[] { "NodeKey", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_cmsApprovalRequest_RequestedBy",
                table: "cmsApprovalRequest",
                column: "RequestedBy");

            migrationBuilder.CreateIndex(
                name: "IX_cmsAudit_DateUtc",
                table: "cmsAudit",
                column: "DateUtc");

            migrationBuilder.CreateIndex(
                name: "IX_cmsAudit_NodeKey",
                table: "cmsAudit",
                column: "NodeKey");

            migrationBuilder.CreateIndex(
                name: "IX_cmsContentSchedule_DoneUtc_DueUtc",
                table: "cmsContentSchedule",
                columns: new[] { "DoneUtc", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cmsContentSchedule_NodeKey",
                table: "cmsContentSchedule",
                column: "NodeKey");

            migrationBuilder.CreateIndex(
                name: "IX_cmsContentVersion_NodeId",
                table: "cmsContentVersion",
                column: "NodeId");

            migrationBuilder.CreateIndex(
                name: "IX_cmsContentVersionCulture_VersionId_Culture",
                table: "cmsContentVersionCulture",
                columns: new[] { "VersionId", "Culture" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cmsMedia_Key",
                table: "cmsMedia",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cmsMedia_ParentId_Name",
                table: "cmsMedia",
                columns: new[] { "ParentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_cmsMediaAltText_MediaId_Culture",
                table: "cmsMediaAltText",
                columns: new[] { "MediaId", "Culture" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cmsNode_Key",
                table: "cmsNode",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cmsNode_ParentId_SortOrder",
                table: "cmsNode",
                columns: new[] { "ParentId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_cmsPropertyValue_VersionId_Alias_Culture",
                table: "cmsPropertyValue",
                columns: new[] { "VersionId", "Alias", "Culture" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cmsRedirectUrl_Culture_Url",
                table: "cmsRedirectUrl",
                columns: new[] { "Culture", "Url" },
                unique: true);

            migrationBuilder.CreateTable(
                name: "cpChangeFeed",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: true),
                    Origin = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cpChangeFeed", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cpChangeFeed_CreatedUtc",
                table: "cpChangeFeed",
                column: "CreatedUtc");

            // Announces each committed insert to the nodes that LISTEN: NOTIFY is delivered on commit and never for a
            // rolled-back transaction, and notices with the same payload in one transaction are sent once.
            migrationBuilder.Sql("""
                CREATE FUNCTION cp_change_feed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('cp_change_feed', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER cp_change_feed_notify AFTER INSERT ON "cpChangeFeed" FOR EACH STATEMENT EXECUTE FUNCTION cp_change_feed_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER cp_change_feed_notify ON \"cpChangeFeed\"; DROP FUNCTION cp_change_feed_notify();");
            migrationBuilder.DropTable(
                name: "cpChangeFeed");

            migrationBuilder.DropTable(
                name: "cmsApprovalRequest");

            migrationBuilder.DropTable(
                name: "cmsAudit");

            migrationBuilder.DropTable(
                name: "cmsContentSchedule");

            migrationBuilder.DropTable(
                name: "cmsContentVersionCulture");

            migrationBuilder.DropTable(
                name: "cmsMediaAltText");

            migrationBuilder.DropTable(
                name: "cmsPropertyValue");

            migrationBuilder.DropTable(
                name: "cmsRedirectUrl");

            migrationBuilder.DropTable(
                name: "cmsMedia");

            migrationBuilder.DropTable(
                name: "cmsContentVersion");

            migrationBuilder.DropTable(
                name: "cmsNode");
        }
    }
}
