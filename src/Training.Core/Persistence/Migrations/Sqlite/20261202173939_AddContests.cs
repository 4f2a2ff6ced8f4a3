using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QuestionsPerRound = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeLimitMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    RankingOrder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contestCodeRequest",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ClientHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contestCodeRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contestRound",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QuizKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResultsPublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BirthDateOrClass = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    School = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Verified = table.Column<bool>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CodeExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CodeTries = table.Column<int>(type: "INTEGER", nullable: false),
                    Guess = table.Column<long>(type: "INTEGER", nullable: true),
                    AttemptKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
