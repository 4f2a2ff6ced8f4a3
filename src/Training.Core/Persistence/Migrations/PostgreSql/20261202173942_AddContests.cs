using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddContests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contest",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    BankName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    QuestionsPerRound = table.Column<int>(type: "integer", nullable: false),
                    TimeLimitMinutes = table.Column<int>(type: "integer", nullable: false),
                    RankingOrder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contestCodeRequest",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestCodeRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contestRound",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContestId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    QuizKey = table.Column<Guid>(type: "uuid", nullable: false),
                    ResultsPublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestRound", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestRound_contest_ContestId",
                        column: x => x.ContestId,
                        principalTable: "contest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contestEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    FullName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BirthDateOrClass = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    School = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Verified = table.Column<bool>(type: "boolean", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CodeExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CodeTries = table.Column<int>(type: "integer", nullable: false),
                    Guess = table.Column<long>(type: "bigint", nullable: true),
                    AttemptKey = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contestEntry_contestRound_RoundId",
                        column: x => x.RoundId,
                        principalTable: "contestRound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contest_Key",
                table: "contest",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contest_Slug",
                table: "contest",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestCodeRequest_ClientHash_SentUtc",
                table: "contestCodeRequest",
                columns: new[] { "ClientHash", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_contestCodeRequest_Email_SentUtc",
                table: "contestCodeRequest",
                columns: new[] { "Email", "SentUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_AttemptKey",
                table: "contestEntry",
                column: "AttemptKey");

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_Key",
                table: "contestEntry",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestEntry_RoundId_Email",
                table: "contestEntry",
                columns: new[] { "RoundId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestRound_ContestId_Number",
                table: "contestRound",
                columns: new[] { "ContestId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contestRound_QuizKey",
                table: "contestRound",
                column: "QuizKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contestCodeRequest");

            migrationBuilder.DropTable(
                name: "contestEntry");

            migrationBuilder.DropTable(
                name: "contestRound");

            migrationBuilder.DropTable(
                name: "contest");
        }
    }
}
