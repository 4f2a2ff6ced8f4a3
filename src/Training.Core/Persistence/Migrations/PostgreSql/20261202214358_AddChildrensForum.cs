using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddChildrensForum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clientRequest",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Purpose = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clientRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "forumEvent",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Question = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ContestId = table.Column<int>(type: "integer", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumEvent_contest_ContestId",
                        column: x => x.ContestId,
                        principalTable: "contest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "forumGroup",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumGroup", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumGroup_forumEvent_EventId",
                        column: x => x.EventId,
                        principalTable: "forumEvent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumAnswer",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AnsweredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AnsweredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumAnswer", x => x.GroupId);
                    table.ForeignKey(
                        name: "FK_forumAnswer_forumGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "forumGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumForwarding",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    BodyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BodyEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ForwardedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ForwardedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumForwarding", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumForwarding_forumGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "forumGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forumOpinion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FirstName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    School = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GradeOrAge = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    SentByTeacher = table.Column<bool>(type: "boolean", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ModeratedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModeratedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    GroupId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forumOpinion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forumOpinion_forumEvent_EventId",
                        column: x => x.EventId,
                        principalTable: "forumEvent",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_forumOpinion_forumGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "forumGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clientRequest_Purpose_ClientHash_SentUtc",
                table: "clientRequest",
                columns: new[] { "Purpose", "ClientHash", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_clientRequest_SentUtc",
                table: "clientRequest",
                column: "SentUtc");

            migrationBuilder.CreateIndex(
                name: "IX_forumEvent_ContestId",
                table: "forumEvent",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_forumEvent_Key",
                table: "forumEvent",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_forumEvent_Slug",
                table: "forumEvent",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_forumForwarding_GroupId",
                table: "forumForwarding",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_forumGroup_EventId",
                table: "forumGroup",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_forumOpinion_EventId_Status",
                table: "forumOpinion",
                columns: new[] { "EventId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_forumOpinion_GroupId",
                table: "forumOpinion",
                column: "GroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clientRequest");

            migrationBuilder.DropTable(
                name: "forumAnswer");

            migrationBuilder.DropTable(
                name: "forumForwarding");

            migrationBuilder.DropTable(
                name: "forumOpinion");

            migrationBuilder.DropTable(
                name: "forumGroup");

            migrationBuilder.DropTable(
                name: "forumEvent");
        }
    }
}
