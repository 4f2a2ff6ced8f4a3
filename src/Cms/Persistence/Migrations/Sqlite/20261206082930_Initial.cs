using System;
using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteCmsDbContext))]
    [Migration("20261206082930_Initial")]
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cmsApprovalRequest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsApprovalRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NodeKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsContentSchedule",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsContentSchedule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsMedia",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsFolder = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: true),
                    Height = table.Column<int>(type: "INTEGER", nullable: true),
                    FileVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    FocalPointX = table.Column<double>(type: "REAL", nullable: false),
                    FocalPointY = table.Column<double>(type: "REAL", nullable: false),
                    CreateDateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ContentTypeAlias = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Trashed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrashedFromParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreateDateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CurrentVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstPublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsNode", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsRedirectUrl",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    NodeKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreateDateUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cmsRedirectUrl", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cmsMediaAltText",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MediaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionDateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UrlSegment = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Origin = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cpChangeFeed", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cpChangeFeed_CreatedUtc",
                table: "cpChangeFeed",
                column: "CreatedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
